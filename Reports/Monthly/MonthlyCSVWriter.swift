/// The monthly revenue report as CSV (SPEC section 7): the header of ``MonthlyColumn``
/// names, then every row of ``MonthlyRevenue/rows``; the conversion rate as its text
/// (`0.7500`). The file is written whole at ``finish(_:)``, atomically.
final class MonthlyCSVWriter: MonthlyReportOutput {
    let path: String

    init(path: String) { self.path = path }

    func finish(_ revenue: MonthlyRevenue) throws(ReportError) {
        let csv = try CSVFile(path: path)
        csv.write(MonthlyColumn.header.map(Cell.text))
        for row in revenue.rows { csv.write(MonthlyColumn.ordered.map { $0.cell(row) }) }
        try csv.finish()
    }

    /// Nothing to discard: the file is made only by ``finish(_:)``.
    func discard() {}
}
