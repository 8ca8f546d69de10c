import Foundation
import TOMLKit

extension RateCard {
    /// Reads and checks the rate card at `path` (SPEC section 2). With `isolation`, a text
    /// the TOML parser would abort on is found there first and refused as a syntax error at
    /// its line; without, the text is parsed in this process (trusted files only: see
    /// ``TOMLParserIsolation``).
    ///
    /// - Throws: ``PricingError/rateCardUnreadable(file:reason:)``,
    ///   ``PricingError/rateCardSyntax(file:line:column:message:)`` or
    ///   ``PricingError/rateCardInvalid(file:problems:)`` listing every problem found.
    public static func load(path: String, isolation: (any TOMLParserIsolation)? = nil) throws(PricingError) -> RateCard {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw .rateCardUnreadable(file: path, reason: exists
                ? "permission denied or not a regular file; check the file's permissions"
                : "no such file; check the path")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .rateCardUnreadable(file: path, reason: "the file is not UTF-8 text; save it as UTF-8")
        }
        return try parse(toml: text, file: path, isolation: isolation)
    }

    /// Parses and checks rate card TOML text; `file` names it in messages, and a relative
    /// `[clinic]` `logo` is resolved against `file`'s folder (the working directory when
    /// `file` names no folder), which is where the logo is then read from and checked.
    ///
    /// ``contentHash`` is computed from `text` only: a logo file's bytes are not in it.
    /// `isolation` is as for ``load(path:isolation:)``.
    public static func parse(toml text: String, file: String, isolation: (any TOMLParserIsolation)? = nil) throws(PricingError) -> RateCard {
        if text.utf8.contains(0) {
            throw .rateCardSyntax(file: file, line: 1 + text.utf8.prefix { $0 != 0 }.filter { $0 == 10 }.count,
                                  column: 1, message: "the file contains a NUL byte")
        }
        if let isolation, let line = TOMLAbortingLine.find(in: text, isolation: isolation) {
            throw .rateCardSyntax(file: file, line: line, column: 1,
                                  message: "the TOML parser cannot read this line (a table header or value is malformed)")
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .rateCardSyntax(file: file, line: error.source.begin.line, column: error.source.begin.column,
                                  message: error.description)
        } catch {
            throw .rateCardSyntax(file: file, line: 1, column: 1, message: "\(error)")
        }
        let log = ProblemLog()
        let reader = RateCardReader(root: TOMLSection(table: root, path: "", log: log), folder: ClinicDetails.folder(of: file))
        let card = reader.read()
        if var card, log.problems.isEmpty {
            card.contentHash = StableHash.hex(text.utf8)
            return card
        }
        throw .rateCardInvalid(file: file, problems: log.problems)
    }
}

/// Walks the TOML tree of a rate card, logging every problem, and builds the card when
/// the required parts are there.
struct RateCardReader {
    let root: TOMLSection
    /// The rate card's folder, which a relative `[clinic]` `logo` is resolved against.
    var folder = ""
    var log: ProblemLog { root.log }

    func read() -> RateCard? {
        root.rejectUnknownKeys(allowed: ["schema", "name", "version", "currency", "effective_from",
                                         "effective_until", "rules", "tiers", "locations", "areas",
                                         "series_discounts", "addons", "promotions", "clinic"])
        if let schema = root.int("schema", required: true, in: Int.min...Int.max), schema != 1 {
            log.add("schema", "\(schema) is not a schema this spaquote reads; write schema = 1")
        }
        let name = root.string("name")
        let version = root.string("version")
        let currency = root.string("currency")
        if let c = currency, c.utf8.count != 3 || !c.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) {
            log.add("currency", "\"\(c)\" is not an ISO 4217 code; write three capital letters such as \"USD\"")
        }
        let from = root.date("effective_from", required: true)
        let until = root.date("effective_until")
        if let from, let until, until < from {
            log.add("effective_until", "\(until) is before effective_from \(from); the card's dates are out of order")
        }
        let rules = readRules()
        if let from, from.checkedAdding(days: rules.quoteValidDays) == nil {
            log.add("effective_from", "\(from) plus quote_valid_days (\(rules.quoteValidDays)) is after \(LocalDate.latest), the last date spaquote handles; no quote on this card could be valid")
        }
        let tiers = root.sections("tiers", required: true).map { id, s -> Tier in
            s.rejectUnknownKeys(allowed: ["name"])
            return Tier(id: id, name: s.string("name") ?? id)
        }
        let tierIDs = Set(tiers.map(\.id))
        let locations = root.sections("locations", required: true).map { readLocation($0.id, $0.section, tierIDs, rules) }
        let areas = root.sections("areas", required: true).map { id, s -> Area in
            s.rejectUnknownKeys(allowed: ["name", "surcharge"])
            return Area(id: id, name: s.string("name") ?? id, surcharge: s.money("surcharge") ?? .zero)
        }
        let series = readSeriesDiscounts(rules)
        let addons = root.sections("addons").map(readAddon)
        for (key, count, limit) in [("areas", areas.count, RateCardLimits.maxAreas), ("addons", addons.count, RateCardLimits.maxAddons)]
        where count > limit {
            log.add(key, "has \(count) entries, more than the \(limit) a rate card may hold; remove the ones not sold")
        }
        let promotions = readPromotions(Set(locations.map(\.id)), rules)
        let clinic = readClinic(folder: folder)
        guard let name, let version, let currency, let from else { return nil }
        return RateCard(name: name, version: version, currency: currency, effectiveFrom: from,
                        effectiveUntil: until, rules: rules, tiers: tiers, locations: locations, areas: areas,
                        seriesDiscounts: series, addons: addons, promotions: promotions, clinic: clinic)
    }

    func readRules() -> Rules {
        var r = Rules()
        guard let s = root.section("rules") else { return r }
        s.rejectUnknownKeys(allowed: ["session_price_floor", "session_price_ceiling", "min_sessions", "max_sessions",
                                      "spacing_weeks_min", "spacing_weeks_max", "default_spacing_weeks",
                                      "quote_valid_days", "deposit_percent", "rounding", "services_taxable"])
        if let v = s.money("session_price_floor", required: false) { r.sessionPriceFloor = v }
        if let v = s.money("session_price_ceiling", required: false) { r.sessionPriceCeiling = v }
        let sessions = 1...RateCardLimits.maxSessions, weeks = 1...RateCardLimits.maxSpacingWeeks
        if let v = s.int("min_sessions", in: sessions) { r.minSessions = v }
        if let v = s.int("max_sessions", in: sessions) { r.maxSessions = v }
        if let v = s.int("spacing_weeks_min", in: weeks) { r.spacingWeeksMin = v }
        if let v = s.int("spacing_weeks_max", in: weeks) { r.spacingWeeksMax = v }
        let defaultSpacing = s.int("default_spacing_weeks", in: weeks)
        if let v = defaultSpacing { r.defaultSpacingWeeks = v }
        if let v = s.int("quote_valid_days", in: 0...RateCardLimits.maxQuoteValidDays) { r.quoteValidDays = v }
        if let v = s.percent("deposit_percent", required: false) { r.depositPercent = v }
        if let v = s.string("rounding", required: false) {
            if let mode = RoundingMode(rawValue: v) { r.rounding = mode } else {
                s.log.add(s.key("rounding"), "\"\(v)\" is not a rounding mode; write \"half-up\" or \"half-even\"")
            }
        }
        if let v = s.bool("services_taxable") { r.servicesTaxable = v }
        if r.sessionPriceFloor > r.sessionPriceCeiling {
            s.log.add(s.key("session_price_floor"),
                      "\(r.sessionPriceFloor) is above session_price_ceiling \(r.sessionPriceCeiling); the floor must not exceed the ceiling")
        }
        if r.minSessions > r.maxSessions {
            s.log.add(s.key("min_sessions"), "\(r.minSessions) is above max_sessions \(r.maxSessions); put them in order")
        }
        if r.spacingWeeksMin > r.spacingWeeksMax {
            s.log.add(s.key("spacing_weeks_min"),
                      "\(r.spacingWeeksMin) is above spacing_weeks_max \(r.spacingWeeksMax); put them in order")
        } else if !(r.spacingWeeksMin...r.spacingWeeksMax).contains(r.defaultSpacingWeeks) {
            s.log.add(s.key("default_spacing_weeks"),
                      "\(r.defaultSpacingWeeks) is outside spacing_weeks_min to spacing_weeks_max (\(r.spacingWeeksMin) to \(r.spacingWeeksMax))")
        }
        return r
    }

    func readLocation(_ id: String, _ s: TOMLSection, _ tierIDs: Set<String>, _ rules: Rules) -> Location {
        s.rejectUnknownKeys(allowed: ["name", "tax_rate", "closed_weekdays", "rates"])
        var closed = Set<Weekday>()
        for (i, day) in (s.strings("closed_weekdays") ?? []).enumerated() {
            if let w = Weekday(rawValue: day) { closed.insert(w) } else {
                s.log.add("\(s.key("closed_weekdays"))[\(i + 1)]",
                          "\"\(day)\" is not a weekday; use lower-case English names such as \"sunday\"")
            }
        }
        if closed.count == 7 {
            s.log.add(s.key("closed_weekdays"), "every day of the week is closed; leave at least one day open")
        }
        var rates: [String: Money] = [:]
        if let r = s.section("rates", required: true) {
            for tier in r.table.keys.sorted() {
                guard tierIDs.contains(tier) else {
                    s.log.add(r.key(tier), "names the unknown tier '\(tier)'; known tiers: \(tierIDs.sorted().joined(separator: ", "))")
                    continue
                }
                guard let price = r.money(tier) else { continue }
                if price < rules.sessionPriceFloor || price > rules.sessionPriceCeiling {
                    s.log.add(r.key(tier), "\(price) is outside the session price range \(rules.sessionPriceFloor) to \(rules.sessionPriceCeiling)")
                }
                rates[tier] = price
            }
            for tier in tierIDs.sorted() where r.table[tier] == nil {
                s.log.add(r.key(tier), "missing the base rate for tier '\(tier)'; every location needs a rate for every tier")
            }
        }
        return Location(id: id, name: s.string("name") ?? id, taxRate: s.percent("tax_rate") ?? .zero,
                        closedWeekdays: closed, rates: rates)
    }

    func readSeriesDiscounts(_ rules: Rules) -> [SeriesDiscount] {
        guard let v = root.value("series_discounts", required: false) else { return [] }
        guard let array = v.array else { root.wrongType("series_discounts", "a list of [[series_discounts]] tables", v); return [] }
        var out: [SeriesDiscount] = []
        var seen: Set<Int> = []
        for (i, item) in array.enumerated() {
            let path = "series_discounts[\(i + 1)]"
            guard let t = item.table else { log.add(path, "expected a table with sessions and percent"); continue }
            let s = TOMLSection(table: t, path: path, log: log)
            s.rejectUnknownKeys(allowed: ["sessions", "percent"])
            let sessions = s.int("sessions", required: true, in: 1...max(1, rules.maxSessions))
            let percent = s.percent("percent")
            if let sessions, !seen.insert(sessions).inserted {
                log.add(s.key("sessions"), "\(sessions) sessions already has a series discount; keep one entry per session count")
                continue
            }
            if let sessions, let percent { out.append(SeriesDiscount(sessions: sessions, percent: percent)) }
        }
        return out
    }

    func readAddon(_ id: String, _ s: TOMLSection) -> Addon {
        s.rejectUnknownKeys(allowed: ["name", "price", "per", "taxable"])
        var per = Addon.Per.package
        if let p = s.string("per") {
            if let v = Addon.Per(rawValue: p) { per = v } else {
                s.log.add(s.key("per"), "\"\(p)\" is not allowed; write \"session\" or \"package\"")
            }
        }
        return Addon(id: id, name: s.string("name") ?? id, price: s.money("price") ?? .zero, per: per,
                     taxable: s.bool("taxable") ?? false)
    }

    func readPromotions(_ locationIDs: Set<String>, _ rules: Rules) -> [Promotion] {
        var out: [Promotion] = []
        var codes: [String: String] = [:]
        for (code, s) in root.sections("promotions") {
            s.rejectUnknownKeys(allowed: ["percent", "amount", "valid_from", "valid_until", "min_sessions", "locations"])
            if let other = codes[code.uppercased()] {
                s.log.add(s.path, "codes match case-insensitively, so '\(code)' repeats '\(other)'; keep one")
                continue
            }
            codes[code.uppercased()] = code
            let hasPercent = s.table["percent"] != nil, hasAmount = s.table["amount"] != nil
            var benefit: Promotion.Benefit?
            switch (hasPercent, hasAmount) {
            case (true, true): s.log.add(s.path, "has both percent and amount; keep exactly one")
            case (false, false): s.log.add(s.path, "has neither percent nor amount; give exactly one")
            case (true, false): benefit = s.percent("percent").map(Promotion.Benefit.percent)
            case (false, true): benefit = s.money("amount").map(Promotion.Benefit.amount)
            }
            let from = s.date("valid_from"), until = s.date("valid_until")
            if let from, let until, until < from {
                s.log.add(s.key("valid_until"), "\(until) is before valid_from \(from); the promotion's dates are out of order")
            }
            let minSessions = s.int("min_sessions", in: 1...max(1, rules.maxSessions))
            let locations = s.strings("locations")
            for (i, l) in (locations ?? []).enumerated() where !locationIDs.contains(l) {
                s.log.add("\(s.key("locations"))[\(i + 1)]", "names the unknown location '\(l)'; known locations: \(locationIDs.sorted().joined(separator: ", "))")
            }
            if let benefit {
                out.append(Promotion(code: code, benefit: benefit, validFrom: from, validUntil: until,
                                     minSessions: minSessions, locations: locations))
            }
        }
        return out
    }
}
