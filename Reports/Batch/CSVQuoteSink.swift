import Pricing

/// Quotes streamed to a CSV file.
public final class CSVQuoteSink: QuoteSink {
    private let csv: CSVFile

    public init(path: String, byteOrderMark: Bool = false) throws(ReportError) {
        csv = try CSVFile(path: path, byteOrderMark: byteOrderMark)
        csv.write(QuoteColumn.header.map(Cell.text))
    }

    public func add(_ quote: Quote) throws(ReportError) {
        csv.write { encoder in QuoteColumn.write(row: quote, to: &encoder) }
    }
    public func close() throws(ReportError) { try csv.close() }
    public func commit() throws(ReportError) { try csv.commit() }
    public func discard() { csv.discard() }
}
