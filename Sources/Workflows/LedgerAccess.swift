/// What a command does with a ledger it opens.
public enum LedgerAccess: Sendable, Equatable {
    /// Reads only: a SQLite file is opened read-only (nothing is created or migrated).
    case read
    /// Saves or changes quotes.
    case write
}
