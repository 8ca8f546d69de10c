import Pricing

/// The limits of the XLSX format a row of quotes can meet (Excel's specifications, which
/// libxlsxwriter enforces): a row that would break one is rejected naming its field,
/// instead of failing the whole workbook.
public enum XLSXLimits {
    /// Characters in a cell: Excel's 32,767 (libxlsxwriter's `LXW_STR_MAX`). Counted in
    /// UTF-16 code units as Excel counts them (an emoji counts two), which is never less
    /// than libxlsxwriter's count of code points.
    public static let cellCharacters = 32_767
    /// Rows in a worksheet, the header row included (`LXW_ROW_MAX`).
    public static let worksheetRows = 1_048_576
    /// The most quotes a Quotes sheet holds under its header row.
    public static let quoteRows = worksheetRows - 1
    /// The largest amount (cents) a cell shows exactly: Excel keeps 15 significant digits.
    public static let largestExactCents: Int64 = 999_999_999_999_999
    /// The range of dates a cell shows (Excel's 1900 date system ends in 9999).
    static let firstDate = LocalDate(year: 1900, month: 1, day: 1)!
    static let lastDate = LocalDate(year: 9999, month: 12, day: 31)!

    /// Why `quote` cannot be a row of the Quotes sheet, naming the field; nil when it fits.
    public static func problem(with quote: Quote) -> String? {
        var check = Check()
        for column in QuoteColumn.ordered {
            column.write(quote, to: &check)
            if let reason = check.reason { return "\(inputName(column)): \(reason)" }
        }
        return nil
    }

    /// The name of the requests column a quote column comes from, if it comes from one.
    static func inputName(_ column: QuoteColumn) -> String {
        column == .promoCode ? "promo" : column.rawValue
    }

    /// Checks values as they are written; the first problem stays in ``reason``.
    struct Check: CellWriter {
        var reason: String?

        mutating func text(_ s: String) {
            // UTF-16 units never outnumber UTF-8 bytes: count them only for long text.
            guard s.utf8.count > XLSXLimits.cellCharacters else { return }
            let length = s.utf16.count
            if length > XLSXLimits.cellCharacters {
                reason = "is \(grouped(length)) characters; a spreadsheet cell holds at most \(grouped(XLSXLimits.cellCharacters)); "
                    + "shorten it, or write the quotes as CSV"
            }
        }

        mutating func list(_ items: [String]) {
            let bytes = items.reduce(max(items.count - 1, 0)) { $0 + $1.utf8.count }
            guard bytes > XLSXLimits.cellCharacters else { return }
            text(items.joined(separator: ";"))
        }

        mutating func money(_ m: Money) {
            if m.cents > XLSXLimits.largestExactCents || m.cents < -XLSXLimits.largestExactCents {
                reason = "the amount \(m) has more than the 15 digits a spreadsheet cell keeps exactly; write the quotes as CSV"
            }
        }

        mutating func date(_ d: LocalDate) {
            if d < XLSXLimits.firstDate || d > XLSXLimits.lastDate {
                reason = "the date \(d) is outside 1900-01-01 to 9999-12-31, the dates a spreadsheet cell shows; write the quotes as CSV"
            }
        }

        mutating func percent(_ p: Percent) {}
        mutating func integer(_ value: Int) {}
        mutating func empty() {}
    }

    /// `40000` as `40,000`.
    static func grouped(_ n: Int) -> String { n.groupedByThousands }
}
