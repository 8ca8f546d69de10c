import Foundation
import GRDB
import Ledger
import Pricing

/// A ledger in a SQLite database (through GRDB): one file holding every saved quote with
/// all its figures, schedule and installments, the request it came from, its status, and
/// the rate card's name, version and text fingerprint. The default store of spaquote.
///
/// The store is handed its database (``init(_:name:access:create:)``: a file, or memory for
/// tests), or opens a file with every check (``open(path:create:access:busyTimeout:)``).
/// Every SQLite call runs inside a GRDB reader or writer closure. A save has a connection
/// of its own (its transaction spans several calls, which GRDB allows only on a connection
/// made for it); the store's writes, saves and status changes, run one at a time.
public final class SQLiteStore: LedgerStore {
    /// How messages name the ledger: the file's path (or what the caller named it).
    public let name: String
    /// Reads and status changes.
    let queue: DatabaseQueue
    /// Saves: a second connection to the same file, or `queue` itself for a database in
    /// memory (which nothing else can reach).
    let saveQueue: DatabaseQueue?
    /// How the store was opened: to read, or to write as well.
    public let access: Access
    /// Taken by every write; by every read too when saves share `queue`.
    let writeLock = AsyncLock()
    /// The file's change counter, nil for a database in memory (then nothing is cached).
    let changeCounter: ChangeCounter?
    /// The per-request lookups kept while the ledger is unchanged (``LookupCache``).
    let tokenAccounts = LookupCache<Account>(), namedAccounts = LookupCache<Account>(), sessions = LookupCache<WebSession>()

    /// How a ledger is opened.
    public enum Access: Sendable {
        /// To list, show and report: SQLite opens the file read-only, so nothing in it can
        /// change; a ledger of an earlier version is read as it is.
        case read
        /// To save quotes and record answers: the file is checked first (SQLite's
        /// `quick_check`), then its schema brought up to date and marked as a ledger.
        case write
    }

    /// A store over `database`, which is identified first (reads only): a new database (no
    /// tables) becomes a ledger when `create` is set and `access` is ``Access/write``; a
    /// ledger of an earlier schema is read as it is, and for ``Access/write`` checked with
    /// `quick_check`, migrated to the current schema and marked (`application_id`
    /// 0x53505154, `user_version` 6).
    ///
    /// A database in memory (or a temporary one) has one connection, which saves hold
    /// between calls: make it with ``configuration(access:busyTimeout:)`` (or use
    /// ``inMemory()``); its reads then wait for a save under way to finish.
    ///
    /// - Throws: ``LedgerError/notALedger(ledger:reason:)``, ``LedgerError/newerSchema(ledger:)``,
    ///   ``LedgerError/damaged(ledger:reason:)``, ``LedgerError/locked(ledger:)``,
    ///   ``LedgerError/cannotOpen(ledger:reason:)``.
    public init(_ database: DatabaseQueue, name: String, access: Access, create: Bool = true) async throws {
        self.name = name
        self.access = access
        queue = database
        do {
            let migrator = LedgerSchema.migrator(ledger: name)
            let identity = try await database.read { try LedgerIdentity.of($0, ledger: name, migrator: migrator) }
            if identity == .new && !(create && access == .write) {
                throw LedgerError.cannotOpen(ledger: name, reason: "it holds no ledger yet (save quotes into it first)")
            }
            if access == .write { try await Self.prepareForWriting(database, name: name, identity: identity, migrator: migrator) }
            saveQueue = access == .write ? try Self.saveConnection(for: database, name: name) : nil
            changeCounter = Self.inMemory(database.path) ? nil : ChangeCounter(path: database.path)
        } catch {
            throw SQLiteFailure.openingError(error, ledger: name)
        }
    }

    /// A new, empty ledger in memory, for tests and trials (its name is `name`).
    public static func inMemory(name: String = "ledger in memory") async throws -> SQLiteStore {
        let database: DatabaseQueue
        do {
            database = try DatabaseQueue(configuration: configuration(access: .write, busyTimeout: 5))
        } catch {
            throw SQLiteFailure.openingError(error, ledger: name)
        }
        return try await SQLiteStore(database, name: name, access: .write)
    }

    /// Whether saves share the reading connection (a database only it can reach).
    var sharesConnection: Bool { saveQueue === queue }

    /// The connection saves use: a second one to the same file, or `database` itself
    /// when nothing else can reach it (then it must allow a transaction to stay open
    /// between calls, GRDB's `allowsUnsafeTransactions`).
    private static func saveConnection(for database: DatabaseQueue, name: String) throws -> DatabaseQueue {
        if inMemory(database.path) {
            guard database.configuration.allowsUnsafeTransactions else {
                throw LedgerError.cannotOpen(ledger: name, reason: "a ledger database in memory must let a save's transaction stay open between calls: make it with SQLiteStore.configuration(access:busyTimeout:)")
            }
            return database
        }
        var config = database.configuration
        config.readonly = false
        config.allowsUnsafeTransactions = true
        config.label = "spaquote-ledger-save"
        return try DatabaseQueue(path: database.path, configuration: config)
    }

    /// Whether a database at `path` lives in memory (nothing else can reach it).
    private static func inMemory(_ path: String) -> Bool {
        path.isEmpty || path == ":memory:" || (path.hasPrefix("file:") && path.contains("mode=memory"))
    }

    /// `read`'s answer, from `cache` while the ledger is unchanged since it was kept
    /// (``LookupCache``); looked up and kept otherwise. Answers of nil are not kept.
    func cached<V: Sendable>(_ cache: LookupCache<V>, _ key: String, _ read: () async throws -> V?) async throws -> V? {
        try await cache.value(key, generation: changeCounter?.value(), read)
    }

    /// Checks an existing ledger with `quick_check`, brings its schema up to date, and
    /// marks it (application id and schema version) if it is not yet.
    private static func prepareForWriting(_ queue: DatabaseQueue, name: String, identity: LedgerIdentity,
                                          migrator: DatabaseMigrator) async throws {
        if identity != .new {
            // The structure of the file only: a value breaking the status rule is left to
            // the row reader, whose error names the quote, column and value.
            let problems = try await queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
                defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
                return try String.fetchAll(db, sql: "PRAGMA quick_check(3)")
            }
            if problems != ["ok"] {
                // One line: SQLite's report has a line per problem and a "*** in database main ***" heading.
                let lines = problems.flatMap { $0.split(whereSeparator: \.isNewline) }.filter { !$0.hasPrefix("***") }
                throw LedgerError.damaged(ledger: name, reason: "SQLite's quick_check finds: " + lines.prefix(3).joined(separator: "; "))
            }
        }
        try migrator.migrate(queue)
        if identity != .ledger(marked: true) {
            try await queue.write { db in
                try db.execute(sql: "PRAGMA application_id = \(LedgerSchema.applicationID)")
                try db.execute(sql: "PRAGMA user_version = \(LedgerSchema.version)")
            }
        }
    }

    /// GRDB's configuration of a ledger connection: waits up to `busyTimeout` seconds for
    /// another writer; read-only for ``Access/read``; for ``Access/write``, 16 KiB pages (a
    /// new ledger's) and 16 MiB of page cache, and a transaction may stay open between
    /// calls (what a save on its own connection, or in memory, needs).
    public static func configuration(access: Access, busyTimeout: Double) -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "spaquote-ledger"
        config.readonly = access == .read
        if access == .write {
            config.allowsUnsafeTransactions = true
            config.prepareDatabase { db in
                // A batch save appends rows and touches the index pages again and again.
                try db.execute(sql: "PRAGMA page_size = 16384")
                try db.execute(sql: "PRAGMA cache_size = -16384")
            }
        }
        return config
    }

    /// Closes the store's connections; nothing may be called after.
    public func close() async throws {
        do {
            if let saveQueue, saveQueue !== queue { try saveQueue.close() }
            try queue.close()
        } catch {
            throw SQLiteFailure.ledgerError(error, ledger: name)
        }
    }

    /// Runs `body` holding the store's write lock.
    func exclusively<T>(_ body: () async throws -> T) async throws -> T {
        await writeLock.lock()
        do {
            let result = try await body()
            await writeLock.unlock()
            return result
        } catch {
            await writeLock.unlock()
            throw error
        }
    }

    /// Runs the read `body` (holding the write lock when saves share its connection), its
    /// failures as ledger errors.
    func reading<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            if sharesConnection { return try await exclusively { try await queue.read(body) } }
            return try await queue.read(body)
        } catch {
            throw SQLiteFailure.ledgerError(error, ledger: name)
        }
    }

    /// Runs `body`, which reads with ONE statement (SQLite reads a statement's rows from one
    /// state of the file), like ``reading(_:)`` but outside a transaction and GRDB's
    /// read-only mode: that mode turns `PRAGMA query_only` on and off around each read,
    /// and a flag pragma expires every prepared statement of the connection, so the
    /// statements kept for the reads made at every request (token, session, quote by id)
    /// would be compiled again each time.
    func readingStatement<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            if sharesConnection { return try await exclusively { try await queue.unsafeRead(body) } }
            return try await queue.unsafeRead(body)
        } catch {
            throw SQLiteFailure.ledgerError(error, ledger: name)
        }
    }
}
