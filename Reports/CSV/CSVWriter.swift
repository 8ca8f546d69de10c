/// Writes RFC 4180 CSV: fields quoted when they hold a comma, quote, CR or LF; lines end
/// in CRLF, as RFC 4180 and the worked examples have them.
///
/// Text cells that start with `=`, `+`, `-`, `@`, tab, CR or LF get a leading `'` so a
/// spreadsheet shows them as text instead of running them as a formula (OWASP's advice);
/// numbers, money and dates are never prefixed.
public struct CSVWriter {
    /// Whether a text cell would be read as a formula by a spreadsheet.
    public static func needsNeutralizing(_ s: String) -> Bool {
        guard let f = s.utf8.first else { return false }
        return f == UInt8(ascii: "=") || f == UInt8(ascii: "+") || f == UInt8(ascii: "-") || f == UInt8(ascii: "@")
            || f == 0x09 || f == 0x0D || f == 0x0A
    }

    /// The CSV field for `cell`, quoted and neutralized as needed.
    public static func field(_ cell: Cell) -> String {
        var s = cell.text
        if case .text = cell, needsNeutralizing(s) { s = "'" + s }
        return quoteIfNeeded(s)
    }

    /// `s` quoted when it holds a comma, quote, CR or LF (quotes doubled).
    public static func quoteIfNeeded(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return "\"" + s.replacingQuotes + "\""
    }

    /// One CSV line (with its CRLF) for the cells.
    public static func line(_ cells: [Cell]) -> String {
        cells.map(field).joined(separator: ",") + "\r\n"
    }
}

extension String {
    var replacingQuotes: String {
        var out = ""
        for ch in self { out += ch == "\"" ? "\"\"" : String(ch) }
        return out
    }
}
