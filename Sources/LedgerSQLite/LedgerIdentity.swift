import GRDB
import Ledger

/// What an opened SQLite file is to spaquote, read from its header fields and its schema
/// (reads only: nothing is written to decide).
enum LedgerIdentity: Equatable {
    /// No tables, no mark: it becomes a ledger when opened to save.
    case new
    /// A spaquote ledger; `marked` when it carries ``LedgerSchema/applicationID`` and the
    /// current ``LedgerSchema/version`` (earlier versions did not write them).
    case ledger(marked: Bool)

    /// Identifies the database `db` (the ledger named `ledger`).
    ///
    /// - Throws: ``LedgerError/notALedger(ledger:reason:)`` for another program's file,
    ///   ``LedgerError/newerSchema(ledger:)`` for a newer spaquote's ledger,
    ///   ``LedgerError/damaged(ledger:reason:)`` for a file marked as a ledger without a
    ///   ledger's tables.
    static func of(_ db: Database, ledger: String, migrator: DatabaseMigrator) throws -> LedgerIdentity {
        let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let userVersion = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"))
        let ours = applicationID == LedgerSchema.applicationID
        if !ours {
            if applicationID != 0 {
                throw LedgerError.notALedger(ledger: ledger, reason: "it is another program's SQLite database (application id \(LedgerFileHeader.hex(applicationID)))")
            }
            if userVersion != 0 {
                throw LedgerError.notALedger(ledger: ledger, reason: "it is another program's SQLite database (user_version \(userVersion), and no spaquote mark)" + listing(tables))
            }
            if tables.isEmpty { return .new }
        } else if userVersion > LedgerSchema.version {
            throw LedgerError.newerSchema(ledger: ledger)
        }
        guard LedgerSchema.tableSets.contains(tables) else {
            if ours {
                throw LedgerError.damaged(ledger: ledger, reason: "it is marked as a spaquote ledger but lacks its tables" + listing(tables))
            }
            throw LedgerError.notALedger(ledger: ledger, reason: "it is another program's SQLite database" + listing(tables))
        }
        let migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        if try migrator.hasBeenSuperseded(db) { throw LedgerError.newerSchema(ledger: ledger) }
        let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(quote)").map { (try? $0.decode(String.self, forColumn: "name")) ?? "" }
        guard !migrations.isEmpty, columns == LedgerSchema.quoteColumns, tables == LedgerSchema.tables(after: migrations) else {
            let reason = columns == LedgerSchema.quoteColumns && !migrations.isEmpty
                ? "its tables are not those of its schema version" + listing(tables)
                : "its quote table is not the one spaquote writes"
            if ours { throw LedgerError.damaged(ledger: ledger, reason: reason) }
            throw LedgerError.notALedger(ledger: ledger, reason: reason)
        }
        return .ledger(marked: ours && userVersion == LedgerSchema.version)
    }

    /// ": it holds tables a, b" (a few of them), or nothing for none.
    private static func listing(_ tables: Set<String>) -> String {
        guard !tables.isEmpty else { return "" }
        let names = tables.sorted()
        return ": it holds the table\(names.count == 1 ? "" : "s") " + names.prefix(5).joined(separator: ", ")
            + (names.count > 5 ? " and \(names.count - 5) more" : "") + " (a spaquote ledger holds quote and quote_source)"
    }
}
