import Pricing

/// Writes the monthly revenue report, fed saved quotes one at a time: as CSV
/// (``MonthlyCSVWriter``) or as a workbook (``MonthlyXLSXWriter``), by the file's extension.
public final class MonthlyReportWriter {
    public let path: String
    private var revenue: MonthlyRevenue
    private let output: any MonthlyReportOutput

    /// Starts the report for months `from` to `to` (money in `currency`). A workbook's
    /// creation time is pinned to the last day of `to`, so the same ledger gives the same bytes.
    ///
    /// - Throws: ``ReportError`` for a path that is neither `.csv` nor `.xlsx`, or a
    ///   workbook that cannot be started.
    public init(path: String, from: YearMonth, to: YearMonth, currency: String) throws(ReportError) {
        self.path = path
        revenue = MonthlyRevenue(from: from, to: to)
        switch try OutputFormat.of(path, allowed: [.csv, .xlsx]) {
        case .xlsx: output = try MonthlyXLSXWriter(path: path, from: from, to: to, currency: currency)
        default: output = MonthlyCSVWriter(path: path)
        }
    }

    /// Adds a saved quote.
    public func add(_ r: RevenueRecord) throws(ReportError) {
        try revenue.add(r)
        if listsAccepted(r) { try output.addAccepted(r) }
    }

    /// Whether `r` is an accepted quote behind the report's figures: accepted by the end of
    /// the range, and booked or recognized in it or after its start.
    private func listsAccepted(_ r: RevenueRecord) -> Bool {
        guard r.status == .accepted, let on = r.acceptedOn, on <= revenue.last.lastDay else { return false }
        return (r.recognition.last?.day ?? on) >= revenue.first.firstDay
    }

    /// Writes the file and moves it into place.
    public func finish() throws(ReportError) { try output.finish(revenue) }

    /// Abandons the report, leaving no file behind.
    public func discard() { output.discard() }
}
