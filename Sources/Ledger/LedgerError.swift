/// Errors of the ledger, each naming the ledger file (and quote) and what to do.
public enum LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    /// The file was written by a newer spaquote (a schema this one does not know).
    case newerSchema(path: String)
    /// Another program holds the ledger's write lock.
    case locked(path: String)
    case notFound(path: String, quoteID: String)
    /// A status change that does not apply (accepting a declined quote...).
    case statusChange(quoteID: String, reason: String)
    /// Any other database failure.
    case database(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): cannot open the ledger: \(reason); check the path given by --ledger or SPAQUOTE_LEDGER"
        case let .newerSchema(path):
            return "\(path): this ledger was written by a newer spaquote; use that version (this one leaves the file untouched)"
        case let .locked(path):
            return "\(path): the ledger is locked by another program (another spaquote saving?); try again when it has finished"
        case let .notFound(path, id):
            return "\(path): no quote '\(id)' in the ledger; 'spaquote ledger list' shows the ids"
        case let .statusChange(id, reason):
            return "quote \(id): \(reason)"
        case let .database(path, reason):
            return "\(path): ledger error: \(reason)"
        }
    }
}
