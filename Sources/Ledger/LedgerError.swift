/// Errors of the ledger, each naming the ledger file (and quote) and what to do.
public enum LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    /// The file was written by a newer spaquote (a schema this one does not know).
    case newerSchema(path: String)
    /// The file is not a spaquote ledger: not SQLite, or another program's SQLite file.
    /// Refused before anything is written to it.
    case notALedger(path: String, reason: String)
    /// The file is a spaquote ledger (or says it is) but is damaged: truncated, failing
    /// SQLite's `quick_check`, or missing its tables. Refused before anything is written.
    case damaged(path: String, reason: String)
    /// A saved quote's column holds a value spaquote cannot have written (a bad date,
    /// status, amount, add-on line...). `quote` names it (`quote Q-2026-000123`, or the
    /// row id when even the quote id is unreadable); `value` is shown escaped and cut short.
    case unreadableRow(path: String, quote: String, column: String, value: String, problem: String)
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
            return "\(path): cannot open the ledger: \(reason); check the ledger's path"
        case let .newerSchema(path):
            return "\(path): this ledger was written by a newer spaquote; use that version (this one leaves the file untouched)"
        case let .notALedger(path, reason):
            return "\(path): not a spaquote ledger: \(reason); choose another file for the ledger (this one is left untouched)"
        case let .damaged(path, reason):
            return "\(path): the ledger is damaged: \(reason); restore it from a backup, or choose another file for the ledger (this one is left untouched)"
        case let .unreadableRow(path, quote, column, value, problem):
            return "\(path): \(quote): column \(column) holds \(value), \(problem); the ledger was changed outside spaquote or is damaged: restore it from a backup (spaquote leaves it as it is)"
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
