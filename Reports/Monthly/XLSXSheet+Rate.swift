import CXlsxWriter

extension XLSXSheet {
    /// Writes a conversion rate as a number shown as a percentage (`75.00%`): the one place
    /// the exact rate becomes a binary float (``ConversionRate/fraction``).
    func writeRate(_ rate: ConversionRate, row: Int, column: Int) throws(ReportError) {
        try workbook.check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), rate.fraction,
                                                  workbook.format(.ratio)), "writing row \(row + 1)")
    }

    /// Writes a monthly report value: a cell with its natural type (money in `currency`),
    /// the rate as a percentage, nothing for a rate with no quotes issued.
    func write(_ value: MonthlyValue, row: Int, column: Int, currency: String) throws(ReportError) {
        switch value {
        case .cell(let c): try write(c, row: row, column: column, currency: currency)
        case .rate(let r?): try writeRate(r, row: row, column: column)
        case .rate(nil): break
        }
    }
}
