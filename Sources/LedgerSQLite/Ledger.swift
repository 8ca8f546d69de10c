import Foundation
import GRDB
import Pricing

/// The ledger of saved quotes: one SQLite file (through GRDB) holding every saved quote
/// with all its figures, schedule and installments, the request it came from, its status,
/// and the rate card's name, version and text fingerprint, so reports never recompute
/// from a newer card.
public final class Ledger {
    /// The file.
    public let path: String
    let queue: DatabaseQueue

    /// How a ledger is opened.
    public enum Access: Sendable {
        /// To list, show and report: SQLite opens the file read-only, so nothing in it can
        /// change; a ledger of an earlier version is read as it is.
        case read
        /// To save quotes and record answers: the file is checked first (SQLite's
        /// `quick_check`), then its schema brought up to date and marked as a ledger.
        case write
    }

    /// Opens the ledger at `path`, creating it when `create` is set (a missing file, or an
    /// empty one: 0 bytes, or SQLite without tables). Waits up to `busyTimeout` seconds
    /// for another writer to finish.
    ///
    /// Before anything is written the file is identified: its SQLite header (read as
    /// bytes), `PRAGMA application_id` and `user_version` (``LedgerSchema/applicationID``,
    /// ``LedgerSchema/version``) or, for ledgers of schema versions 1 and 2 which carry no
    /// mark, its tables; for `.write`, `PRAGMA quick_check` must pass. A file refused
    /// here is left byte for byte as it was, with no journal beside it.
    ///
    /// - Throws: ``LedgerError/notALedger(path:reason:)`` for a file that is not SQLite or
    ///   is another program's; ``LedgerError/damaged(path:reason:)`` for a truncated or
    ///   damaged ledger; ``LedgerError/newerSchema(path:)`` for a file written by a newer
    ///   spaquote; ``LedgerError/locked(path:)``; ``LedgerError/cannotOpen(path:reason:)``
    ///   otherwise.
    public init(path: String, create: Bool, access: Access = .write, busyTimeout: Double = 5) throws(LedgerError) {
        self.path = path
        var kind = try LedgerFileHeader.kind(of: path, checkingSize: !LedgerFileHeader.hasJournal(path))
        if case .sqlite = kind, LedgerFileHeader.hasJournal(path) {
            try Self.rollBackInterruptedSave(path, busyTimeout: busyTimeout)
            // A journal still there belongs to a save under way in another process: the
            // file's size may differ from its header until that save commits.
            kind = try LedgerFileHeader.kind(of: path, checkingSize: !LedgerFileHeader.hasJournal(path))
        }
        if kind == .missing && !(create && access == .write) {
            throw .cannotOpen(path: path, reason: "no ledger there yet (save quotes into it first)")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: Self.configuration(access: access, busyTimeout: busyTimeout))
            let migrator = LedgerSchema.migrator(path: path)
            let identity = try queue.read { try LedgerIdentity.of($0, path: path, migrator: migrator) }
            if identity == .new && !(create && access == .write) {
                throw LedgerError.cannotOpen(path: path, reason: "it holds no ledger yet (save quotes into it first)")
            }
            if access == .write { try prepareForWriting(identity: identity, migrator: migrator) }
        } catch {
            throw Self.translate(error, path: path)
        }
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
            throw translate(error, path: path)
        }
    }

    private static func configuration(access: Access, busyTimeout: Double) -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "spaquote-ledger"
        config.readonly = access == .read
        if access == .write {
            config.prepareDatabase { db in
                // 16 KiB pages (for a new ledger; an existing one keeps its own) and 16 MiB of
                // page cache: a batch save appends rows and touches the index pages again and again.
                try db.execute(sql: "PRAGMA page_size = 16384")
                try db.execute(sql: "PRAGMA cache_size = -16384")
            }
        }
        return config
    }

    /// Checks an existing ledger with `quick_check`, brings its schema up to date, and
    /// marks it (application id and schema version) if it is not yet.
    private func prepareForWriting(identity: LedgerIdentity, migrator: DatabaseMigrator) throws {
        if identity != .new {
            // The structure of the file only: a value breaking the status rule is left to
            // the row reader, whose error names the quote, column and value.
            let problems = try queue.inDatabase { db in
                try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
                defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
                return try String.fetchAll(db, sql: "PRAGMA quick_check(3)")
            }
            if problems != ["ok"] {
                // One line: SQLite's report has a line per problem and a "*** in database main ***" heading.
                let lines = problems.flatMap { $0.split(whereSeparator: \.isNewline) }.filter { !$0.hasPrefix("***") }
                throw LedgerError.damaged(path: path, reason: "SQLite's quick_check finds: " + lines.prefix(3).joined(separator: "; "))
            }
        }
        try migrator.migrate(queue)
        if identity != .ledger(marked: true) {
            try queue.write { db in
                try db.execute(sql: "PRAGMA application_id = \(LedgerSchema.applicationID)")
                try db.execute(sql: "PRAGMA user_version = \(LedgerSchema.version)")
            }
        }
    }

    /// The ledger error for a failure to open the file at `path`.
    static func translate(_ error: any Error, path: String) -> LedgerError {
        switch error {
        case let error as LedgerError: return error
        case let error as DatabaseError:
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
            case .SQLITE_NOTADB: return .notALedger(path: path, reason: "SQLite cannot read it as a database")
            case .SQLITE_CORRUPT: return .damaged(path: path, reason: "SQLite finds it malformed (\(error.message ?? "corrupt"))")
            default: return .cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
            }
        default: return .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Runs `body` in one write transaction: everything it saves is committed together when
    /// it calls ``LedgerWriter/commit()`` or returns, and nothing is kept if it throws (or
    /// the process dies first).
    public func save<T>(_ body: (LedgerWriter) throws -> T) throws -> T {
        try translating {
            try queue.writeWithoutTransaction { db in
                try db.beginTransaction(.immediate)
                let writer = try LedgerWriter(db: db, path: path)
                do {
                    let result = try body(writer)
                    try writer.commit()
                    return result
                } catch {
                    if db.isInsideTransaction { try? db.rollback() }
                    throw error
                }
            }
        }
    }

    /// Turns SQLite's errors into ``LedgerError``s naming this ledger.
    func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: throw LedgerError.locked(path: path)
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                throw LedgerError.damaged(path: path, reason: "SQLite finds it malformed (\(error.message ?? "corrupt"))")
            case .SQLITE_READONLY: throw LedgerError.database(path: path, reason: "the ledger was opened to read, not to write")
            default: throw LedgerError.database(path: path, reason: error.message ?? "\(error.resultCode)")
            }
        }
    }
}
