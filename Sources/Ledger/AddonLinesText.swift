import Pricing

/// A quote's add-on lines as one text column of the ledger, one line per add-on:
///
///     id <TAB> per <TAB> quantity <TAB> unit price (cents) <TAB> amount (cents) <TAB> taxable (0/1) <TAB> name
///
/// lines separated by LF. A backslash, tab or line break inside an id or name is written
/// `\\`, `\t`, `\n` or `\r`, so any text round-trips. (A column of the quote row rather
/// than a table: a batch save then writes one row per quote.)
enum AddonLinesText {
    static func encode(_ lines: [AddonLine]) -> String {
        var out = ""
        for (i, a) in lines.enumerated() {
            if i > 0 { out += "\n" }
            out += escape(a.id) + "\t" + a.per.rawValue + "\t" + String(a.quantity) + "\t" + String(a.unitPrice.cents)
                + "\t" + String(a.amount.cents) + "\t" + (a.taxable ? "1" : "0") + "\t" + escape(a.name)
        }
        return out
    }

    /// The lines, or nil when the text is not in this format.
    static func decode(_ text: String) -> [AddonLine]? {
        guard !text.isEmpty else { return [] }
        var lines: [AddonLine] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 7, let per = Addon.Per(rawValue: String(f[1])), let quantity = Int(f[2]),
                  let unit = Int64(f[3]), let amount = Int64(f[4]) else { return nil }
            lines.append(AddonLine(id: unescape(f[0]), name: unescape(f[6]), unitPrice: Money(cents: unit), per: per,
                                   quantity: quantity, amount: Money(cents: amount), taxable: f[5] == "1"))
        }
        return lines
    }

    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func unescape(_ s: Substring) -> String {
        guard s.contains("\\") else { return String(s) }
        var out = "", escaping = false
        for ch in s.unicodeScalars {
            if escaping {
                switch ch {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(ch)
                }
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
