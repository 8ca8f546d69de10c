import CXlsxWriter
import Pricing

extension XLSXSheet {
    /// The paper the sheet prints on: US Letter (Excel paper code 1) or A4 (code 9).
    public func setPaper(_ paper: ClinicDetails.Paper) {
        worksheet_set_paper(handle, paper == .a4 ? 9 : 1)
    }

    /// Sets the height of `row` in points (15 is one line of 11-point text).
    public func setRowHeight(_ row: Int, points: Double) throws(ReportError) {
        try workbook.check(worksheet_set_row(handle, lxw_row_t(row), points, nil), "setting the height of row \(row + 1)")
    }
}
