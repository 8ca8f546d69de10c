import Pricing

/// Writes the monthly revenue report as CSV or XLSX (by the file's extension), fed saved
/// quotes one at a time.
///
/// The workbook has a `Summary` sheet (one row a month, totals as formulas with their
/// values, and a column chart of booked against recognized revenue), a `By location`
/// sheet (month x location x tier) and an `Accepted quotes` sheet listing the accepted
/// quotes behind the figures. The sheets are for people: their header rows are labels
/// ("Quotes issued", not `quotes_issued`; the CSV keeps the names), and each prints
/// landscape, one page wide, with the header row on every page. It is written in constant_memory mode: accepted quotes are
/// streamed into their sheet as they come.
public final class MonthlyReportWriter {
    public let path: String
    private var revenue: MonthlyRevenue
    private let currency: String
    private let created: LocalDate
    private var workbook: (file: AtomicFile, book: XLSXWorkbook, summary: XLSXSheet, byLocation: XLSXSheet, accepted: XLSXSheet,
                           formats: XLSXSheet.DefaultFormats)?
    private var acceptedRow = 0

    static let acceptedColumns = ["quote_id", "location", "tier", "quote_date", "accepted_on", "sessions", "value",
                                  "first_session", "last_session"]

    /// Starts the report for months `from` to `to`. `created` pins the workbook's creation
    /// time (the last day of `to`), so the same ledger gives the same bytes.
    public init(path: String, from: YearMonth, to: YearMonth, currency: String) throws(ReportError) {
        self.path = path
        self.currency = currency
        revenue = MonthlyRevenue(from: from, to: to)
        created = to.lastDay
        switch try OutputFormat.of(path, allowed: [.csv, .xlsx]) {
        case .xlsx:
            let file = try AtomicFile(destination: path)
            do {
                let book = try XLSXWorkbook(path: file.temporaryPath, displayPath: path, constantMemory: true)
                try book.setProperties(title: "Monthly revenue \(from) to \(to)", subject: "Booked, recognized and deferred revenue",
                                       comments: "Written by spaquote from its ledger", created: created)
                let summary = try book.addSheet("Summary")
                let byLocation = try book.addSheet("By location")
                let accepted = try book.addSheet("Accepted quotes")
                try accepted.writeLabels(Self.acceptedColumns.map(XLSXLabels.label), minimum: [16] + Array(repeating: 12, count: 8))
                accepted.freezeHeader()
                accepted.landscapeOnePageWide()
                workbook = (file, book, summary, byLocation, accepted, accepted.defaultFormats(currency: currency))
            } catch {
                file.discard()
                throw error
            }
        default: break   // CSV: written whole by finish()
        }
    }

    /// Adds a saved quote.
    public func add(_ r: RevenueRecord) throws(ReportError) {
        try revenue.add(r)
        guard let wb = workbook, r.status == .accepted, let on = r.acceptedOn, on <= revenue.last.lastDay else { return }
        let lastTouch = r.recognition.last?.day ?? on
        guard lastTouch >= revenue.first.firstDay else { return }
        acceptedRow += 1
        // Cell by cell with the sheet's formats looked up once (a style lookup per cell
        // was a sixth of the report's time).
        let s = wb.accepted, row = acceptedRow, f = wb.formats
        try s.write(.text(r.quoteID), row: row, column: 0, formats: f)
        try s.write(.text(r.location), row: row, column: 1, formats: f)
        try s.write(.text(r.tier), row: row, column: 2, formats: f)
        try s.write(.date(r.quoteDate), row: row, column: 3, formats: f)
        try s.write(.date(on), row: row, column: 4, formats: f)
        try s.write(.integer(r.sessions), row: row, column: 5, formats: f)
        try s.write(.money(r.value), row: row, column: 6, formats: f)
        try s.write(r.sessionDates.first.map(Cell.date) ?? .empty, row: row, column: 7, formats: f)
        try s.write(r.sessionDates.last.map(Cell.date) ?? .empty, row: row, column: 8, formats: f)
    }

    /// Writes the file and moves it into place.
    public func finish() throws(ReportError) {
        guard let wb = workbook else {
            let csv = try CSVFile(path: path)
            csv.write(MonthlyRow.columns.map(Cell.text))
            for row in revenue.rows { csv.write(row.cells) }
            try csv.finish()
            return
        }
        do {
            wb.accepted.autofilter(rows: acceptedRow, columns: Self.acceptedColumns.count)
            try writeSummary(wb.summary)
            try writeByLocation(wb.byLocation)
            try wb.book.close()
            try XLSXVerifier.verify(path: wb.file.temporaryPath, displayPath: path,
                                    rows: ["xl/worksheets/sheet1.xml": revenue.months.count + 2,
                                           "xl/worksheets/sheet2.xml": revenue.rows.count + 1,
                                           "xl/worksheets/sheet3.xml": acceptedRow + 1])
            try wb.file.commit()
        } catch {
            wb.file.discard()
            throw error
        }
    }

    public func discard() { workbook?.file.discard() }

    /// The columns of the Summary sheet (MonthlyRow columns less location and tier).
    static let summaryColumns = ["month", "quotes_issued", "quoted_value", "quotes_accepted", "conversion_rate",
                                 "booked_revenue", "sessions_booked", "recognized_revenue", "deferred_revenue_end"]

    private func writeSummary(_ s: XLSXSheet) throws(ReportError) {
        let months = revenue.totals
        try s.writeLabels(Self.summaryColumns.map(XLSXLabels.label), minimum: [10] + Array(repeating: 13, count: 8))
        s.freezeHeader()
        s.landscapeOnePageWide(gridlines: false)   // the chart below the table: no empty grid around it
        for (n, m) in months.enumerated() {
            let cells = m.cells
            let picked: [Cell] = [cells[0], cells[3], cells[4], cells[5], cells[6], cells[7], cells[8], cells[9], cells[10]]
            for (i, c) in picked.enumerated() { try write(c, row: n + 1, column: i, on: s, ratio: i == 4) }
        }
        let last = months.count + 1       // the last data row, 1-based
        let totalRow = months.count + 1   // 0-based row of the totals
        let bold = XLSXStyle(bold: true, topBorder: true)
        let money = XLSXStyle.money(currency, bold: true, topBorder: true)
        try s.writeText("Total", row: totalRow, column: 0, style: bold)
        func sum(_ column: Int) -> String { let l = columnLetters(column); return "=SUM(\(l)2:\(l)\(last))" }
        // The flows add up over the months; deferred revenue is a balance (its total is the
        // last month's, below), and its sum over many months could exceed what a cent count holds.
        let t = months.reduce(into: MonthlyRow(month: revenue.first, location: "", tier: "")) { total, month in
            var flows = month
            flows.deferredRevenueEnd = .zero
            total.add(flows)
        }
        try s.writeFormula(sum(1), count: t.quotesIssued, row: totalRow, column: 1, style: bold)
        try s.writeFormula(sum(2), value: t.quotedValue, row: totalRow, column: 2, style: money)
        try s.writeFormula(sum(3), count: t.quotesAccepted, row: totalRow, column: 3, style: bold)
        try s.write(.empty, row: totalRow, column: 4, currency: currency, style: bold)
        try s.writeFormula(sum(5), value: t.bookedRevenue, row: totalRow, column: 5, style: money)
        try s.writeFormula(sum(6), count: t.sessionsBooked, row: totalRow, column: 6, style: bold)
        try s.writeFormula(sum(7), value: t.recognizedRevenue, row: totalRow, column: 7, style: money)
        // Deferred revenue is a balance, not a flow: the total is the last month's.
        try s.writeFormula("=I\(last)", value: months.last?.deferredRevenueEnd ?? .zero, row: totalRow, column: 8, style: money)
        try s.insertColumnChart(
            title: "Booked and recognized revenue", categories: "=Summary!$A$2:$A$\(last)",
            series: [("Booked revenue", "=Summary!$F$2:$F$\(last)", 0x2E75B6),
                     ("Recognized revenue", "=Summary!$H$2:$H$\(last)", 0xF4B183)],
            valueFormat: XLSXStyle.money(currency).numberFormat!, row: totalRow + 2, column: 0)
    }

    /// Writes a cell; the conversion rate ("0.7500") becomes a number shown as a percentage.
    private func write(_ c: Cell, row: Int, column: Int, on s: XLSXSheet, ratio: Bool) throws(ReportError) {
        if ratio, case .text(let rate) = c {
            try s.writeNumber(text: rate, row: row, column: column, style: .ratio)
        } else {
            try s.write(c, row: row, column: column, currency: currency)
        }
    }

    private func writeByLocation(_ s: XLSXSheet) throws(ReportError) {
        try s.writeLabels(MonthlyRow.columns.map(XLSXLabels.label), minimum: [10, 12, 12] + Array(repeating: 13, count: 8))
        s.freezeHeader()
        s.landscapeOnePageWide()
        let rows = revenue.rows
        for (n, row) in rows.enumerated() {
            for (i, c) in row.cells.enumerated() { try write(c, row: n + 1, column: i, on: s, ratio: i == 6) }
        }
        s.autofilter(rows: rows.count, columns: MonthlyRow.columns.count)
    }
}
