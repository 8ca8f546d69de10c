import Pricing

/// The monthly revenue report as a workbook, written in constant_memory mode.
///
/// It has a `Summary` sheet (one row a month, totals as formulas with their values, and a
/// column chart of booked against recognized revenue), a `By location` sheet (month x
/// location x tier) and an `Accepted quotes` sheet listing the accepted quotes behind the
/// figures, streamed into it as they come. The sheets are for people: their header rows are
/// labels ("Quotes issued", not `quotes_issued`; the CSV keeps the names), and each prints
/// landscape, one page wide, with the header row on every page. Columns come from
/// ``MonthlyColumn`` and ``AcceptedQuoteColumn``.
final class MonthlyXLSXWriter: MonthlyReportOutput {
    private let file: AtomicFile
    private let book: XLSXWorkbook
    private let summary: XLSXSheet
    private let byLocation: XLSXSheet
    private let accepted: XLSXSheet
    private let formats: XLSXSheet.DefaultFormats
    private let currency: String
    private var acceptedRow = 0

    /// Starts the workbook for months `from` to `to`, created (its pinned time) on `to`'s
    /// last day, so that the same ledger gives the same bytes.
    init(path: String, from: YearMonth, to: YearMonth, currency: String) throws(ReportError) {
        self.currency = currency
        file = try AtomicFile(destination: path)
        do {
            book = try XLSXWorkbook(path: file.temporaryPath, displayPath: path, constantMemory: true)
            try book.setProperties(title: "Monthly revenue \(from) to \(to)", subject: "Booked, recognized and deferred revenue",
                                   comments: "Written by spaquote from its ledger", created: to.lastDay)
            summary = try book.addSheet("Summary")
            byLocation = try book.addSheet("By location")
            accepted = try book.addSheet("Accepted quotes")
            let columns = AcceptedQuoteColumn.ordered
            try accepted.writeLabels(columns.map(\.label), minimum: columns.map(\.minimumWidth))
            accepted.freezeHeader()
            accepted.landscapeOnePageWide()
            formats = accepted.defaultFormats(currency: currency)
        } catch {
            file.discard()
            throw error
        }
    }

    /// Streams the quote into the `Accepted quotes` sheet, cell by cell with the sheet's
    /// formats looked up once (a style lookup per cell was a sixth of the report's time).
    func addAccepted(_ r: RevenueRecord) throws(ReportError) {
        acceptedRow += 1
        for (i, column) in AcceptedQuoteColumn.ordered.enumerated() {
            try accepted.write(column.cell(r), row: acceptedRow, column: i, formats: formats)
        }
    }

    func finish(_ revenue: MonthlyRevenue) throws(ReportError) {
        do {
            let rows = revenue.rows
            let months = rows.filter { $0.location == MonthlyRow.all }
            accepted.autofilter(rows: acceptedRow, columns: AcceptedQuoteColumn.ordered.count)
            try writeSummary(months, first: revenue.first)
            try writeByLocation(rows)
            try book.close()
            try XLSXVerifier.verify(path: file.temporaryPath, displayPath: file.destination,
                                    rows: ["xl/worksheets/sheet1.xml": months.count + 2,
                                           "xl/worksheets/sheet2.xml": rows.count + 1,
                                           "xl/worksheets/sheet3.xml": acceptedRow + 1])
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    func discard() { file.discard() }

    /// The `Summary` sheet: a row a month (`months`, the `ALL` rows), the Total row, the chart.
    private func writeSummary(_ months: [MonthlyRow], first: YearMonth) throws(ReportError) {
        let s = summary, columns = MonthlyColumn.summary
        try s.writeLabels(columns.map(\.label), minimum: columns.map(\.minimumWidth))
        s.freezeHeader()
        s.landscapeOnePageWide(gridlines: false)   // the chart below the table: no empty grid around it
        for (n, m) in months.enumerated() {
            for (i, column) in columns.enumerated() { try s.write(column.value(m), row: n + 1, column: i, currency: currency) }
        }
        try writeTotals(months, first: first)
        let last = months.count + 1   // the last data row, 1-based
        func range(_ c: MonthlyColumn) -> String {
            let l = columnLetters(columns.firstIndex(of: c)!)
            return "=Summary!$\(l)$2:$\(l)$\(last)"
        }
        try s.insertColumnChart(
            title: "Booked and recognized revenue", categories: range(.month),
            series: [(MonthlyColumn.bookedRevenue.label, range(.bookedRevenue), 0x2E75B6),
                     (MonthlyColumn.recognizedRevenue.label, range(.recognizedRevenue), 0xF4B183)],
            valueFormat: XLSXStyle.money(currency).numberFormat!, row: months.count + 3, column: 0)
    }

    /// The `Summary` sheet's Total row (below the months), by ``MonthlyColumn/total``: the
    /// flows as `SUM` formulas with their sums, deferred revenue (a balance, whose sum over
    /// many months could exceed what a cent count holds) as the last month's.
    private func writeTotals(_ months: [MonthlyRow], first: YearMonth) throws(ReportError) {
        // The Total row (0-based) is the one after the last month's (1-based: the same number).
        let s = summary, row = months.count + 1, last = months.count + 1
        let bold = XLSXStyle(bold: true, topBorder: true)
        let money = XLSXStyle.money(currency, bold: true, topBorder: true)
        var sums = months.reduce(into: MonthlyRow(month: first, location: "", tier: "")) { total, month in
            var flows = month
            flows.deferredRevenueEnd = .zero
            total.add(flows)
        }
        sums.deferredRevenueEnd = months.last?.deferredRevenueEnd ?? .zero
        for (i, column) in MonthlyColumn.summary.enumerated() {
            let letters = columnLetters(i)
            let formula = column.total == .lastMonth ? "=\(letters)\(last)" : "=SUM(\(letters)2:\(letters)\(last))"
            switch (column.total, column.value(sums)) {
            case (.label(let text), _): try s.writeText(text, row: row, column: i, style: bold)
            case (.sum, .cell(.integer(let n))): try s.writeFormula(formula, count: n, row: row, column: i, style: bold)
            case (.sum, .cell(.money(let m))), (.lastMonth, .cell(.money(let m))):
                try s.writeFormula(formula, value: m, row: row, column: i, style: money)
            default: try s.write(.empty, row: row, column: i, currency: currency, style: bold)
            }
        }
    }

    /// The `By location` sheet: every row of the report, filtered by its header.
    private func writeByLocation(_ rows: [MonthlyRow]) throws(ReportError) {
        let s = byLocation, columns = MonthlyColumn.ordered
        try s.writeLabels(columns.map(\.label), minimum: columns.map(\.minimumWidth))
        s.freezeHeader()
        s.landscapeOnePageWide()
        for (n, row) in rows.enumerated() {
            for (i, column) in columns.enumerated() { try s.write(column.value(row), row: n + 1, column: i, currency: currency) }
        }
        s.autofilter(rows: rows.count, columns: columns.count)
    }
}
