import Platform

/// Errors of the Reports module, each naming the file (and line, field and value where
/// there is one) and what to do.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An output could not be written (folder missing or read-only, disk full...).
    case cannotWrite(path: String, reason: String)
    /// An input could not be opened or read.
    case cannotRead(path: String, reason: String)
    /// The requests file is not CSV at `line`.
    case malformedCSV(path: String, line: Int, reason: String)
    /// The requests file is not UTF-8 text: `line` starts the first record holding bytes
    /// UTF-8 cannot read (`detail` shows them in hex).
    case notUTF8(path: String, line: Int, detail: String)
    /// The requests file has more data rows than the output (`output`) holds (`limit`);
    /// `rows` is the count, or the first row over the limit when the input is a pipe.
    case tooManyRows(path: String, rows: Int, limit: Int, output: String)
    /// The requests file's header lacks required columns, or repeats one.
    case badHeader(path: String, reason: String)
    /// libxlsxwriter refused (its message included).
    case xlsx(path: String, reason: String)
    /// A single quote has a value a spreadsheet cell cannot hold (`reason` names the field,
    /// as ``XLSXLimits/problem(with:)`` does); nothing was written.
    case exceedsWorkbookLimits(path: String, reason: String)
    /// A PDF could not be drawn: cairo refused (its message included), or the quote does not fit its page.
    case pdf(path: String, reason: String)
    /// The output's extension names no format spaquote writes.
    case unsupportedFormat(path: String, allowed: [String])
    /// A monthly report's sum for `month` in `column` does not fit in `Int64` cents.
    case reportSumTooLarge(month: String, column: String)
    /// A saved quote's figures cannot be used for monthly revenue (a damaged ledger row).
    case unusableRevenueRecord(quoteID: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason):
            return "\(path): cannot write: \(reason); check that the folder exists, is writable and has free space"
        case let .cannotRead(path, reason):
            return "\(path): cannot read: \(reason); check the path and the file's permissions"
        case let .malformedCSV(path, line, reason):
            return "\(path):\(line): not valid CSV: \(reason); fix the file at that line (RFC 4180, UTF-8)"
        case let .notUTF8(path, line, detail):
            return "\(path):\(line): the file is not UTF-8 text: \(detail); nothing was written; \(CSVEncoding.remedy)"
        case let .tooManyRows(path, rows, limit, output):
            return "\(path): has more data rows than a worksheet holds: \(rows.groupedByThousands) counted, at most \(limit.groupedByThousands) fit under its header row; "
                + "nothing was written; write the quotes as CSV (a .csv file instead of \(output)) "
                + "or split the file into parts of at most \(limit.groupedByThousands) rows"
        case let .badHeader(path, reason):
            return "\(path):1: \(reason)"
        case let .xlsx(path, reason):
            return "\(path): cannot write the workbook: \(reason)"
        case let .exceedsWorkbookLimits(path, reason):
            return "\(path): the quote does not fit a workbook: \(reason); shorten it, or write the quote as .pdf or .json; nothing was written"
        case let .pdf(path, reason):
            return "\(path): cannot write the PDF: \(reason)"
        case let .unsupportedFormat(path, allowed):
            return "\(path): unknown output format; name the file with one of \(allowed.joined(separator: ", "))"
        case let .reportSumTooLarge(month, column):
            return "monthly report, \(month): \(column) adds up to more than 92233720368547758.07, the largest amount spaquote can hold; check the ledger for quotes with impossible amounts"
        case let .unusableRevenueRecord(quoteID, reason):
            return "quote \(quoteID) in the ledger: \(reason); the ledger row is damaged: restore the ledger from a backup"
        }
    }

    static func systemMessage(_ code: Int32) -> String { String(cString: strerror(code)) }
}
