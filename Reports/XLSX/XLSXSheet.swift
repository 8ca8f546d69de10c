import CXlsxWriter
import Pricing

/// A worksheet of an ``XLSXWorkbook``. Rows and columns are 0-based, as in libxlsxwriter.
public struct XLSXSheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    unowned let workbook: XLSXWorkbook

    /// The formats for money, dates and percentages in one currency, looked up once so
    /// that streaming many rows costs no per-cell lookups.
    public struct DefaultFormats {
        let money: UnsafeMutablePointer<lxw_format>?
        let date: UnsafeMutablePointer<lxw_format>?
        let percent: UnsafeMutablePointer<lxw_format>?
    }

    public func defaultFormats(currency: String) -> DefaultFormats {
        DefaultFormats(money: workbook.format(.money(currency)), date: workbook.format(.date), percent: workbook.format(.percent))
    }

    /// Writes `cell` with its natural type and the default format for it (the fast path
    /// for rows of quotes).
    public func write(_ cell: Cell, row: Int, column: Int, formats f: DefaultFormats) throws(ReportError) {
        let r = lxw_row_t(row), c = lxw_col_t(column)
        let result: lxw_error
        switch cell {
        // withCString hands over a native string's own bytes (no copy); the implicit
        // String-to-pointer conversion allocated a copy of every text cell.
        case .text(let s): result = s.withCString { worksheet_write_string(handle, r, c, $0, nil) }
        case .list(let items): result = items.joined(separator: ";").withCString { worksheet_write_string(handle, r, c, $0, nil) }
        case .money(let m): result = worksheet_write_number(handle, r, c, Double(m.cents) / 100, f.money)
        case .percent(let p): result = worksheet_write_number(handle, r, c, XLSXSheet.number(p), f.percent)
        case .integer(let i): result = worksheet_write_number(handle, r, c, Double(i), nil)
        case .date(let d) where d < XLSXLimits.firstDate:
            // Before 1900 a spreadsheet has no date (libxlsxwriter would write a serial that
            // shows as another day): the ISO text instead.
            result = d.description.withCString { worksheet_write_string(handle, r, c, $0, nil) }
        case .date(let d):
            let parts = d.components
            var dt = lxw_datetime(year: Int32(parts.year), month: Int32(parts.month), day: Int32(parts.day), hour: 0, min: 0, sec: 0)
            result = worksheet_write_datetime(handle, r, c, &dt, f.date)
        case .empty: return
        }
        try workbook.check(result, "writing row \(row + 1)")
    }

    /// Writes `cell` with its natural type: text as a string, money and counts as numbers,
    /// dates as date cells. Text starting with `=`, `+`, `-` or `@` is written as a string
    /// (libxlsxwriter never turns a string cell into a formula).
    public func write(_ cell: Cell, row: Int, column: Int, currency: String, style: XLSXStyle? = nil) throws(ReportError) {
        let r = lxw_row_t(row), c = lxw_col_t(column)
        switch cell {
        case .text(let s):
            try workbook.check(worksheet_write_string(handle, r, c, s, workbook.format(style ?? .plain)), "writing row \(row + 1)")
        case .list(let items):
            try write(.text(items.joined(separator: ";")), row: row, column: column, currency: currency, style: style)
        case .money(let m):
            try writeMoney(m, row: row, column: column, style: style ?? .money(currency))
        case .percent(let p):
            // Percent as a number of percent (12.5 means 12.5%), as in the fast path.
            try workbook.check(worksheet_write_number(handle, r, c, XLSXSheet.number(p), workbook.format(style ?? .percent)),
                               "writing row \(row + 1)")
        case .integer(let i):
            try workbook.check(worksheet_write_number(handle, r, c, Double(i), workbook.format(style ?? .plain)), "writing row \(row + 1)")
        case .date(let d) where d < XLSXLimits.firstDate:
            // Before 1900: the ISO text, as in the fast path above.
            try write(.text(d.description), row: row, column: column, currency: currency, style: nil)
        case .date(let d):
            var dt = lxw_datetime(year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0)
            try workbook.check(worksheet_write_datetime(handle, r, c, &dt, workbook.format(style ?? .date)), "writing row \(row + 1)")
        case .empty:
            if let style { try workbook.check(worksheet_write_blank(handle, r, c, workbook.format(style)), "writing row \(row + 1)") }
        }
    }

    /// Money goes to the cell as a number of currency units: the one place cents become a
    /// binary float, at the moment libxlsxwriter takes the value.
    public func writeMoney(_ m: Money, row: Int, column: Int, style: XLSXStyle) throws(ReportError) {
        try workbook.check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), Double(m.cents) / 100,
                                                  workbook.format(style)), "writing row \(row + 1)")
    }

    /// A percentage as the number of percent a cell holds (the correctly rounded value).
    static func number(_ p: Percent) -> Double { Double(p.units) / Double(Percent.unitsPerPercent) }

    public func writeText(_ s: String, row: Int, column: Int, style: XLSXStyle = .plain) throws(ReportError) {
        try write(.text(s), row: row, column: column, currency: "", style: style)
    }

    /// A formula with its computed value, so readers that do not recalculate still show it.
    public func writeFormula(_ formula: String, value: Money, row: Int, column: Int, style: XLSXStyle) throws(ReportError) {
        try workbook.check(worksheet_write_formula_num(handle, lxw_row_t(row), lxw_col_t(column), formula,
                                                       workbook.format(style), Double(value.cents) / 100), "writing a formula")
    }

    /// A formula whose value is a sum of cents too large, perhaps, for `Money` (the value
    /// shown until the spreadsheet recalculates; the formula is exact).
    public func writeFormula(_ formula: String, cents: Int128, row: Int, column: Int, style: XLSXStyle) throws(ReportError) {
        try workbook.check(worksheet_write_formula_num(handle, lxw_row_t(row), lxw_col_t(column), formula,
                                                       workbook.format(style), Double(cents) / 100), "writing a formula")
    }

    /// A formula whose value is a count.
    public func writeFormula(_ formula: String, count: Int, row: Int, column: Int, style: XLSXStyle = .plain) throws(ReportError) {
        try workbook.check(worksheet_write_formula_num(handle, lxw_row_t(row), lxw_col_t(column), formula,
                                                       workbook.format(style), Double(count)), "writing a formula")
    }

    public func setColumn(_ first: Int, _ last: Int, width: Double) {
        worksheet_set_column(handle, lxw_col_t(first), lxw_col_t(last), width, nil)
    }

    public func freezeHeader() { worksheet_freeze_panes(handle, 1, 0) }

    public func autofilter(rows: Int, columns: Int) {
        worksheet_autofilter(handle, 0, 0, lxw_row_t(max(rows, 1)), lxw_col_t(max(columns - 1, 0)))
    }

    /// Portrait, one page wide and tall, with a header and footer (`&C`, `&P`... codes).
    public func onePagePortrait(header: String, footer: String) {
        worksheet_set_portrait(handle)
        worksheet_fit_to_pages(handle, 1, 1)
        worksheet_set_paper(handle, 1)
        worksheet_set_margins(handle, 0.5, 0.5, 0.75, 0.75)
        worksheet_set_header(handle, header)
        worksheet_set_footer(handle, footer)
    }

    /// Print setup for a table: landscape, one page wide and as many pages tall as needed,
    /// the header row (row 0) repeated at the top of every page, gridlines (unless a chart
    /// shares the page), and a footer with the sheet's name and the page number.
    public func landscapeOnePageWide(gridlines: Bool = true) {
        worksheet_set_landscape(handle)
        worksheet_fit_to_pages(handle, 1, 0)
        worksheet_repeat_rows(handle, 0, 0)
        if gridlines { worksheet_gridlines(handle, UInt8(LXW_SHOW_ALL_GRIDLINES.rawValue)) }
        worksheet_set_margins(handle, 0.4, 0.4, 0.6, 0.6)
        worksheet_set_footer(handle, "&L&A&RPage &P of &N")
    }

    /// A header row of readable labels: bold on a fill, wrapped, each column as wide as
    /// its label needs on two lines (``XLSXLabels/width(_:minimum:)``) and at least `minimum`.
    public func writeLabels(_ labels: [String], minimum: [Double] = []) throws(ReportError) {
        // Two lines tall when a label wraps (constant_memory: before the row's cells).
        let wraps = labels.enumerated().contains { i, l in
            Double(l.count) + 2 > XLSXLabels.width(l, minimum: i < minimum.count ? minimum[i] : 11)
        }
        if wraps { try workbook.check(worksheet_set_row(handle, 0, 30, nil), "setting the header row's height") }
        for (i, label) in labels.enumerated() {
            try writeText(label, row: 0, column: i, style: .label)
            setColumn(i, i, width: XLSXLabels.width(label, minimum: i < minimum.count ? minimum[i] : 11))
        }
    }

    public func mergeText(_ s: String, row: Int, firstColumn: Int, lastColumn: Int, style: XLSXStyle) throws(ReportError) {
        try workbook.check(worksheet_merge_range(handle, lxw_row_t(row), lxw_col_t(firstColumn), lxw_row_t(row),
                                                 lxw_col_t(lastColumn), s, workbook.format(style)), "merging cells")
    }
}

/// Spreadsheet column letters for a 0-based index (0 -> A, 26 -> AA).
func columnLetters(_ index: Int) -> String {
    var n = index + 1, s = ""
    while n > 0 {
        let r = (n - 1) % 26
        s = String(UnicodeScalar(UInt8(65 + r))) + s
        n = (n - 1) / 26
    }
    return s
}

extension XLSXSheet {
    /// A column chart of `series` (name, `Sheet!$X$2:$X$9`, fill colour) against
    /// `categories`, placed with its top-left corner at `row`, `column`.
    public func insertColumnChart(title: String, categories: String, series: [(name: String, values: String, color: UInt32)],
                                  valueFormat: String, row: Int, column: Int) throws(ReportError) {
        guard let chart = workbook.addChart(LXW_CHART_COLUMN) else {
            throw .xlsx(path: workbook.displayPath, reason: "could not add a chart")
        }
        for s in series {
            guard let added = chart_add_series(chart, categories, s.values) else { continue }
            chart_series_set_name(added, s.name)
            var fill = lxw_chart_fill(color: s.color, none: 0, transparency: 0)
            chart_series_set_fill(added, &fill)
        }
        chart_title_set_name(chart, title)
        chart_axis_set_num_format(chart.pointee.y_axis, valueFormat)
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        var options = lxw_chart_options()
        options.x_scale = 1.6
        options.y_scale = 1.3
        try workbook.check(worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), chart, &options), "placing the chart")
    }
}
