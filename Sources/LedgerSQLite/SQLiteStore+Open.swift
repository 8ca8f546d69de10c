import Foundation
import GRDB
import Ledger

extension SQLiteStore {
    /// Opens the ledger file at `path`, creating it when `create` is set (a missing file, or
    /// an empty one: 0 bytes, or SQLite without tables) and `access` is ``Access/write``.
    /// Waits up to `busyTimeout` seconds for another writer to finish.
    ///
    /// Before anything is written the file is identified: its SQLite header (read as
    /// bytes, before SQLite opens it), `PRAGMA application_id` and `user_version`
    /// (``LedgerSchema/applicationID``, ``LedgerSchema/version``) or, for ledgers of schema
    /// versions 1 and 2 which carry no mark, its tables; for ``Access/write``,
    /// `PRAGMA quick_check` must pass. A journal left by a save cut short is rolled back
    /// first. A file refused here is left byte for byte as it was, with no journal beside it.
    ///
    /// - Throws: ``LedgerError/notALedger(ledger:reason:)`` for a file that is not SQLite
    ///   or is another program's; ``LedgerError/damaged(ledger:reason:)`` for a truncated or
    ///   damaged ledger; ``LedgerError/newerSchema(ledger:)`` for a file written by a newer
    ///   spaquote; ``LedgerError/locked(ledger:)``; ``LedgerError/cannotOpen(ledger:reason:)``
    ///   otherwise. Each names the ledger by `path`.
    public static func open(path: String, create: Bool, access: Access = .write, busyTimeout: Double = 5) async throws -> SQLiteStore {
        var kind = try LedgerFileHeader.kind(of: path, checkingSize: !LedgerFileHeader.hasJournal(path))
        if case .sqlite = kind, LedgerFileHeader.hasJournal(path) {
            try rollBackInterruptedSave(path, busyTimeout: busyTimeout)
            // A journal still there belongs to a save under way in another process: the
            // file's size may differ from its header until that save commits.
            kind = try LedgerFileHeader.kind(of: path, checkingSize: !LedgerFileHeader.hasJournal(path))
        }
        if kind == .missing && !(create && access == .write) {
            throw LedgerError.cannotOpen(ledger: path, reason: "no ledger there yet (save quotes into it first)")
        }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration(access: access, busyTimeout: busyTimeout))
        } catch {
            throw SQLiteFailure.openingError(error, ledger: path)
        }
        return try await SQLiteStore(queue, name: path, access: access, create: create)
    }

    /// Lets SQLite roll back the journal of a save that was cut short (a read-only
    /// connection could not), restoring the file as it was before that save. (A journal of
    /// a save under way elsewhere is left to it: SQLite rolls back only a "hot" journal.)
    private static func rollBackInterruptedSave(_ path: String, busyTimeout: Double) throws(LedgerError) {
        do {
            var config = Configuration()
            config.busyMode = .timeout(busyTimeout)
            let queue = try DatabaseQueue(path: path, configuration: config)
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_schema") }
            try queue.close()
        } catch {
            throw SQLiteFailure.openingError(error, ledger: path)
        }
    }
}
