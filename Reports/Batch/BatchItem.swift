import Pricing

/// One data row of a batch as the reading thread hands it to the writer thread.
enum BatchItem {
    /// A parsed request, to price and write (or reject) on the writer thread.
    case request(QuoteRequest, fields: [String], line: Int)
    /// A priced quote, to admit (the ledger) and write (or reject) on the writer thread.
    case priced(Quote, fields: [String], line: Int)
    /// A row rejected while reading, with the rejects file's `error`.
    case reject(fields: [String], line: Int, message: String)
}

/// A row once priced (and admitted): a quote to write, or a row to reject.
enum BatchOutcome {
    case quote(Quote, fields: [String], line: Int)
    case reject(fields: [String], line: Int, message: String)
}
