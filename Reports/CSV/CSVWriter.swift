/// CSV text for small documents and single fields, through ``CSVLineEncoder`` (RFC 4180:
/// fields quoted when they hold a comma, quote, CR or LF; lines end in CRLF, as RFC 4180
/// and the worked examples have them; text that a spreadsheet would run as a formula gets
/// a leading `'`, as OWASP advises; numbers, money and dates are never prefixed).
public enum CSVWriter {
    /// The CSV field for `cell`, quoted and neutralized as needed.
    public static func field(_ cell: Cell) -> String {
        var encoder = CSVLineEncoder()
        encoder.cell(cell)
        return String(decoding: encoder.bytes, as: UTF8.self)
    }

    /// One CSV line (with its CRLF) for the cells.
    public static func line(_ cells: [Cell]) -> String {
        var encoder = CSVLineEncoder()
        for c in cells { encoder.cell(c) }
        encoder.endLine()
        return String(decoding: encoder.bytes, as: UTF8.self)
    }
}
