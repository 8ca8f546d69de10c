import TOMLKit

/// Collects every problem found while reading a rate card, so all are reported at once.
final class ProblemLog {
    private(set) var problems: [RateCardProblem] = []
    func add(_ keyPath: String, _ message: String) {
        problems.append(RateCardProblem(keyPath: keyPath, message: message))
    }
}

/// A TOML table being read at a key path, with typed getters that log a problem
/// (missing key, wrong type, bad amount) instead of failing on the first one.
///
/// TOMLKit's Codable decoding reports a wrong type as a missing key, so the rate card
/// is read through this table walker instead.
struct TOMLSection {
    let table: TOMLTable
    let path: String
    let log: ProblemLog

    func key(_ k: String) -> String { path.isEmpty ? k : "\(path).\(k)" }

    /// Logs every key not in `allowed` as unknown.
    func rejectUnknownKeys(allowed: Set<String>) {
        for k in table.keys.sorted() where !allowed.contains(k) {
            log.add(key(k), "unknown key; the keys allowed here are \(allowed.sorted().joined(separator: ", "))")
        }
    }

    /// The raw value, logging "missing" when required and absent.
    func value(_ k: String, required: Bool) -> TOMLValueConvertible? {
        guard let v = table[k] else {
            if required { log.add(key(k), "missing required key") }
            return nil
        }
        return v
    }

    func wrongType(_ k: String, _ expected: String, _ v: TOMLValueConvertible) {
        log.add(key(k), "expected \(expected), found \(TOMLSection.describe(v))")
    }

    func string(_ k: String, required: Bool = true) -> String? {
        guard let v = value(k, required: required) else { return nil }
        guard let s = v.string else { wrongType(k, "a string in quotes", v); return nil }
        if required && s.trimmingSpaces.isEmpty { log.add(key(k), "must not be empty"); return nil }
        return s
    }

    func bool(_ k: String, required: Bool = false) -> Bool? {
        guard let v = value(k, required: required) else { return nil }
        guard v.type == .bool, let b = v.bool else { wrongType(k, "true or false", v); return nil }
        return b
    }

    /// A whole number within `range`.
    func int(_ k: String, required: Bool = false, in range: ClosedRange<Int>) -> Int? {
        guard let v = value(k, required: required) else { return nil }
        guard v.type == .int, let i = v.int else { wrongType(k, "a whole number", v); return nil }
        guard range.contains(i) else {
            log.add(key(k), "\(i) is outside the allowed range \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return i
    }

    /// A TOML date (`2026-10-01`, unquoted).
    func date(_ k: String, required: Bool = false) -> LocalDate? {
        guard let v = value(k, required: required) else { return nil }
        guard v.type == .date, let d = v.date else {
            if let s = v.string, LocalDate(iso: s) != nil {
                log.add(key(k), "found the string \"\(s)\"; write the date without quotes: \(k) = \(s)")
            } else {
                wrongType(k, "a TOML date such as 2026-10-01", v)
            }
            return nil
        }
        guard let date = LocalDate(year: d.year, month: d.month, day: d.day) else {
            log.add(key(k), "\(d.year)-\(d.month)-\(d.day) is not a date in years 1 to 9999")
            return nil
        }
        return date
    }

    /// An exact scaled number from a TOML integer, float or string, with at most `decimals` decimals.
    /// `tooLarge` explains a number too large for `Int64` (money names its limit).
    func scaled(_ k: String, required: Bool, decimals: Int, what: String, tooLarge: String = "it is too large") -> Int64? {
        guard let v = value(k, required: required) else { return nil }
        let result: Result<Int64, ExactDecimal.Problem>
        let shown: String
        switch v.type {
        case .int:
            let i = Int64(v.int ?? 0)
            shown = String(i)
            result = ExactDecimal.parse(shown, decimals: decimals)
        case .double:
            let text = TOMLFloat.decimalText(of: v)
            shown = text ?? "a number that is not finite"
            result = text.map { ExactDecimal.parse($0, decimals: decimals) } ?? .failure(.notANumber)
        case .string:
            shown = "\"\(v.string ?? "")\""
            result = ExactDecimal.parse(v.string ?? "", decimals: decimals)
        default:
            wrongType(k, what, v)
            return nil
        }
        switch result {
        case .success(let x): return x
        case .failure(let problem):
            log.add(key(k), "\(shown) is not \(what): \(problem == .tooLarge ? tooLarge : TOMLSection.explain(problem))")
            return nil
        }
    }

    /// A non-negative money amount with at most 2 decimals, at most ``RateCardLimits/maxAmount``.
    func money(_ k: String, required: Bool = true) -> Money? {
        let limit = "it is above \(RateCardLimits.maxAmount), the largest amount a rate card may hold; check the number of digits"
        guard let cents = scaled(k, required: required, decimals: 2,
                                 what: "an amount of money (at most 2 decimals, not negative)", tooLarge: limit) else { return nil }
        let amount = Money(cents: cents)
        guard amount <= RateCardLimits.maxAmount else {
            log.add(key(k), "\(amount) is too large: \(limit)")
            return nil
        }
        return amount
    }

    /// A percentage from 0 to 100 with at most 4 decimals.
    func percent(_ k: String, required: Bool = true) -> Percent? {
        guard let units = scaled(k, required: required, decimals: Percent.decimals,
                                 what: "a percentage (0 to 100, at most 4 decimals)") else { return nil }
        let p = Percent(units: units)
        guard p.isValidRate else { log.add(key(k), "\(p) is not a percentage from 0 to 100"); return nil }
        return p
    }

    /// A sub-table.
    func section(_ k: String, required: Bool = false) -> TOMLSection? {
        guard let v = value(k, required: required) else { return nil }
        guard let t = v.table else { wrongType(k, "a table", v); return nil }
        return TOMLSection(table: t, path: key(k), log: log)
    }

    /// The sub-tables of a table of tables (`[tiers.ID]`), sorted by id.
    func sections(_ k: String, required: Bool = false) -> [(id: String, section: TOMLSection)] {
        guard let outer = section(k, required: required) else { return [] }
        var out: [(String, TOMLSection)] = []
        for id in outer.table.keys.sorted() {
            guard let inner = outer.section(id) else { continue }
            out.append((id, inner))
        }
        if required && out.isEmpty && outer.table.isEmpty { log.add(key(k), "needs at least one entry") }
        return out
    }

    /// A list of strings.
    func strings(_ k: String, required: Bool = false) -> [String]? {
        guard let v = value(k, required: required) else { return nil }
        guard let array = v.array else { wrongType(k, "a list of strings such as [\"a\", \"b\"]", v); return nil }
        var out: [String] = []
        for (i, item) in array.enumerated() {
            guard let s = item.string else {
                log.add("\(key(k))[\(i + 1)]", "expected a string in quotes, found \(TOMLSection.describe(item))")
                continue
            }
            out.append(s)
        }
        return out
    }

    static func describe(_ v: TOMLValueConvertible) -> String {
        switch v.type {
        case .string: return "the string \"\(v.string ?? "")\""
        case .int: return "the whole number \(v.int ?? 0)"
        case .double: return "the number \(TOMLFloat.decimalText(of: v) ?? "nan")"
        case .bool: return "\(v.bool ?? false)"
        case .table: return "a table"
        case .array: return "a list"
        default: return "a \(v.type)"
        }
    }

    static func explain(_ p: ExactDecimal.Problem) -> String {
        switch p {
        case .empty: return "it is empty"
        case .notANumber: return "it is not a number"
        case .negative: return "it must not be negative"
        case .tooManyDecimals(let n): return "it has more than \(n) decimals"
        case .tooLarge: return "it is too large"
        }
    }
}
