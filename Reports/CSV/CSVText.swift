import Pricing

/// Small CSV documents built in memory (a single quote); batches stream through ``CSVWriter``.
public enum CSVText {
    /// A header row and one row per quote.
    public static func quotes(_ quotes: [Quote]) -> String {
        var out = CSVWriter.line(QuoteColumn.header.map(Cell.text))
        for q in quotes { out += CSVWriter.line(QuoteColumn.row(q)) }
        return out
    }
}
