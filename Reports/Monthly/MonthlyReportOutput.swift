import Pricing

/// One format of the monthly revenue report (``MonthlyCSVWriter``, ``MonthlyXLSXWriter``):
/// what ``MonthlyReportWriter`` hands a file, once it has chosen the format by the path.
protocol MonthlyReportOutput: AnyObject {
    /// A saved quote accepted by the range's end whose revenue reaches into the range (the
    /// workbook lists it on its `Accepted quotes` sheet; a CSV has no place for it).
    func addAccepted(_ r: RevenueRecord) throws(ReportError)
    /// Writes the report's rows, checks the file and moves it into place. An error leaves
    /// no file behind.
    func finish(_ revenue: MonthlyRevenue) throws(ReportError)
    /// Abandons the output, leaving no file behind.
    func discard()
}

extension MonthlyReportOutput {
    func addAccepted(_ r: RevenueRecord) throws(ReportError) {}
}
