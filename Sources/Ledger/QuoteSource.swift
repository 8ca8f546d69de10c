/// Where saved quotes come from. A batch's rows are identified by their `request_id`
/// across the whole ledger: a request saved from any requests file (on any machine, under
/// any name or path) is not saved again; quotes saved one at a time (the command line,
/// the web) carry no request identity and are never refused as repeats.
public enum QuoteSource: Sendable, Equatable {
    /// `spaquote quote --save`.
    case commandLine
    /// A requests file; `name` is its file name without folders, kept for the record
    /// (`ledger show`), not to identify its rows.
    case requestsFile(name: String)
    /// Another program or interface (the web front desk: `web`), saving one quote at a time.
    case other(String)

    /// The text the ledger stores in the quote's `source` column.
    public var storedName: String {
        switch self {
        case .commandLine: "cli"
        case let .requestsFile(name): name
        case let .other(name): name
        }
    }

    /// Whether rows from this source are identified by their `request_id` (and a repeat
    /// refused): only requests files' rows are.
    public var identifiesRequests: Bool {
        if case .requestsFile = self { return true }
        return false
    }
}
