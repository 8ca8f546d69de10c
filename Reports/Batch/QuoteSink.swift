import Pricing

/// Where a batch's quotes go, one at a time, in input order.
public protocol QuoteSink: AnyObject {
    /// Adds a quote's row.
    func add(_ quote: Quote) throws(ReportError)
    /// Finishes writing the file and checks it; it stays a temporary file until
    /// ``commit()``, so that a batch moves its outputs into place only once every one of
    /// them is complete. An error leaves no file behind.
    func close() throws(ReportError)
    /// Moves the closed file over its destination.
    func commit() throws(ReportError)
    /// Abandons the output, leaving no file behind.
    func discard()
    /// Why `quote` cannot be a row of this output (a limit of its format, naming the
    /// field), or nil. Called before ``add(_:)`` and before a ledger saves the quote; it
    /// reads nothing that ``add(_:)`` changes, so any thread may call it.
    func problem(with quote: Quote) -> String?
}

extension QuoteSink {
    /// Closes the file and moves it into place.
    public func finish() throws(ReportError) {
        try close()
        try commit()
    }

    public func problem(with quote: Quote) -> String? { nil }
}

/// The most quotes the output `path` holds (its format's limit), or nil for no limit: a
/// batch checks its input against it before any work.
public func quoteRowLimit(forOutput path: String) -> Int? {
    OutputFormat(extensionOf: path) == .xlsx ? XLSXLimits.quoteRows : nil
}

/// Opens the quotes output for `path`, choosing the format by its extension.
public func openQuoteSink(path: String, card: RateCard, created: LocalDate) throws(ReportError) -> QuoteSink {
    switch try OutputFormat.of(path, allowed: [.csv, .xlsx]) {
    case .xlsx: return try XLSXQuoteSink(path: path, card: card, created: created)
    default: return try CSVQuoteSink(path: path)
    }
}

/// The lower-case extension of a path's last component ("" when none).
public func fileExtension(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
}
