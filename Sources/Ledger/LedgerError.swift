/// Errors of a ledger, whatever its store: one classification, each naming the ledger
/// (``LedgerStore/name``: a file's path, or a PostgreSQL URL without its password), the
/// quote where there is one, and what to do. The messages speak of the ledger; the command
/// line and the web each add how the ledger was named there.
public enum LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The ledger cannot be opened (no ledger there yet, a folder, a bad URL...).
    case cannotOpen(ledger: String, reason: String)
    /// The database server does not answer (refused, no such host, timed out), or the
    /// connection was lost; nothing of the work under way was kept.
    case unreachable(ledger: String, reason: String)
    /// The server refused the user: wrong password, no such role, or no right to the
    /// database or its tables.
    case accessDenied(ledger: String, reason: String)
    /// The ledger was written by a newer spaquote (a schema this one does not know).
    case newerSchema(ledger: String)
    /// Not a spaquote ledger: not SQLite, another program's SQLite file, or a PostgreSQL
    /// database holding other tables. Refused before anything is written to it.
    case notALedger(ledger: String, reason: String)
    /// A spaquote ledger (or one that says it is) that is damaged: truncated, failing
    /// SQLite's `quick_check`, or missing its tables. Refused before anything is written.
    case damaged(ledger: String, reason: String)
    /// A saved quote's column holds a value spaquote cannot have written (a bad date,
    /// status, amount, add-on line...). `quote` names it (`quote Q-2026-000123`, or the
    /// row id when even the quote id is unreadable); `value` is shown escaped and cut short.
    case unreadableRow(ledger: String, quote: String, column: String, value: String, problem: String)
    /// Another program holds the ledger's write lock longer than the wait allows.
    case locked(ledger: String)
    case notFound(ledger: String, quoteID: String)
    /// A status change that does not apply (accepting a declined quote...).
    case statusChange(quoteID: String, refusal: StatusRefusal)
    /// A rule of the ledger's schema refused a row (a repeated id...): nothing of that
    /// save was kept.
    case constraint(ledger: String, reason: String)
    /// `ledger copy` into a ledger that already holds quotes.
    case notEmpty(ledger: String, quotes: Int)
    /// The ledger holds the most quotes one year can number.
    case yearFull(ledger: String, year: Int)
    /// An account of that name is in the ledger already.
    case accountExists(ledger: String, name: String)
    /// No account of that name in the ledger.
    case noAccount(ledger: String, name: String)
    /// No client link with that token, or one that shows nothing any more (revoked, the
    /// quote declined, accepted by the clinic or past its validity). Says nothing of the quote.
    case linkUnavailable(ledger: String)
    /// Any other database failure.
    case database(ledger: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(ledger, reason):
            return "\(ledger): cannot open the ledger: \(reason)"
        case let .unreachable(ledger, reason):
            return "\(ledger): cannot reach the ledger's database server: \(reason); check that the server is running and the host and port are right (nothing was saved)"
        case let .accessDenied(ledger, reason):
            return "\(ledger): the ledger's database refused access: \(reason); check the user name and password (URL, PGPASSWORD or ~/.pgpass) and the user's rights"
        case let .newerSchema(ledger):
            return "\(ledger): this ledger was written by a newer spaquote; use that version (this one leaves the ledger untouched)"
        case let .notALedger(ledger, reason):
            return "\(ledger): not a spaquote ledger: \(reason); choose another ledger (this one is left untouched)"
        case let .damaged(ledger, reason):
            return "\(ledger): the ledger is damaged: \(reason); restore it from a backup, or choose another ledger (this one is left untouched)"
        case let .unreadableRow(ledger, quote, column, value, problem):
            return "\(ledger): \(quote): column \(column) holds \(value), \(problem); the ledger was changed outside spaquote or is damaged: restore it from a backup (spaquote leaves it as it is)"
        case let .locked(ledger):
            return "\(ledger): the ledger is locked by another program (another spaquote saving?); try again when it has finished"
        case let .notFound(ledger, id):
            return "\(ledger): no quote '\(id)' in the ledger; check the id (Q-YYYY-NNNNNN) against the ledger's list"
        case let .statusChange(id, refusal):
            return "quote \(id): \(refusal)"
        case let .constraint(ledger, reason):
            return "\(ledger): the ledger refused the save: \(reason); nothing of it was kept"
        case let .notEmpty(ledger, quotes):
            return "\(ledger): the ledger already holds \(quotes) quote\(quotes == 1 ? "" : "s"); copy into an empty ledger (nothing was copied)"
        case let .yearFull(ledger, year):
            return "\(ledger): the ledger holds \(QuoteNumber.perYear - 1) quotes dated \(year), its most for one year; start a new ledger"
        case let .accountExists(ledger, name):
            return "\(ledger): an account named '\(name)' exists already; choose another name"
        case let .noAccount(ledger, name):
            return "\(ledger): no account named '\(name)' in the ledger; check the name against the ledger's accounts"
        case let .linkUnavailable(ledger):
            return "\(ledger): no client link with that token, or it no longer works; ask the clinic for a new one"
        case let .database(ledger, reason):
            return "\(ledger): ledger error: \(reason)"
        }
    }
}
