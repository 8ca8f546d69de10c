import Pricing

/// A quote's add-on lines as one text column of the ledger, one line per add-on:
///
///     id <TAB> per <TAB> quantity <TAB> unit price (cents) <TAB> amount (cents) <TAB> taxable (0/1) <TAB> name
///
/// lines separated by LF. A backslash, tab or line break inside an id or name is written
/// `\\`, `\t`, `\n` or `\r`, so any text round-trips. (A column of the quote row rather
/// than a table: a batch save then writes one row per quote.)
public enum AddonLinesText {
    public static func encode(_ lines: [AddonLine]) -> String {
        var bytes: [UInt8] = []
        encode(lines, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the text of `lines` to `bytes` (how a batch save writes it).
    public static func encode(_ lines: [AddonLine], to bytes: inout [UInt8]) {
        for (i, a) in lines.enumerated() {
            if i > 0 { bytes.append(0x0A) }
            escape(a.id, to: &bytes); bytes.append(0x09)
            var per = a.per.rawValue
            per.withUTF8 { bytes.append(contentsOf: $0) }; bytes.append(0x09)
            ASCIIDecimal.append(Int64(a.quantity), to: &bytes); bytes.append(0x09)
            ASCIIDecimal.append(a.unitPrice.cents, to: &bytes); bytes.append(0x09)
            ASCIIDecimal.append(a.amount.cents, to: &bytes); bytes.append(0x09)
            bytes.append(a.taxable ? 0x31 : 0x30); bytes.append(0x09)
            escape(a.name, to: &bytes)
        }
    }

    /// The lines, or nil when the text is not in this format (amounts and quantities are
    /// 0 or more, taxable is `0` or `1`).
    public static func decode(_ text: String) -> [AddonLine]? {
        guard !text.isEmpty else { return [] }
        var lines: [AddonLine] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 7, let per = Addon.Per(rawValue: String(f[1])), let quantity = Int(f[2]), quantity >= 0,
                  let unit = Int64(f[3]), unit >= 0, let amount = Int64(f[4]), amount >= 0,
                  f[5] == "0" || f[5] == "1" else { return nil }
            lines.append(AddonLine(id: unescape(f[0]), name: unescape(f[6]), unitPrice: Money(cents: unit), per: per,
                                   quantity: quantity, amount: Money(cents: amount), taxable: f[5] == "1"))
        }
        return lines
    }

    /// Appends `s` with backslash, tab, LF and CR escaped.
    static func escape(_ s: String, to bytes: inout [UInt8]) {
        var s = s
        s.withUTF8 { utf8 in
            guard utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                bytes.append(contentsOf: utf8)   // the usual case: nothing to escape
                return
            }
            for b in utf8 {
                switch b {
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x09: bytes.append(0x5C); bytes.append(0x74)
                case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
                case 0x0D: bytes.append(0x5C); bytes.append(0x72)
                default: bytes.append(b)
                }
            }
        }
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
