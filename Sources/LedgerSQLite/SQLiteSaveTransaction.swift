import GRDB
import Ledger

/// A save into a SQLite ledger (``SaveTransaction``): a `BEGIN IMMEDIATE` transaction on
/// the store's save connection, left open between calls (each call one GRDB writer
/// closure) until ``commit()`` or ``rollback()``. It holds the store's write lock
/// throughout, and SQLite's write lock from the start (other processes wait for it, then
/// are told the ledger is locked).
///
/// `@unchecked Sendable`: its one mutable buffer is used inside the connection's writer
/// closures only, which run one at a time; ``SaveSession`` drives it from one task or thread.
final class SQLiteSaveTransaction: SaveTransaction, @unchecked Sendable {
    private let connection: DatabaseQueue
    private let ledger: String
    private let lock: AsyncLock
    /// The row buffer, reused for every row (see ``SQLiteRow``).
    private var buffer = SQLiteRow()
    private var finished = false

    /// How many request ids one query looks up: a batch's chunk (about 512 rows) in one
    /// query, well under SQLite's limit of 32,766 parameters.
    static let lookupChunk = 1_000

    private init(connection: DatabaseQueue, ledger: String, lock: AsyncLock) {
        self.connection = connection
        self.ledger = ledger
        self.lock = lock
    }

    /// Takes `lock`, then begins the transaction on `connection` (waiting for another
    /// process's save up to the connection's busy timeout).
    static func begin(on connection: DatabaseQueue, ledger: String, lock: AsyncLock) async throws -> SQLiteSaveTransaction {
        await lock.lock()
        do {
            try await connection.writeWithoutTransaction { db in try db.beginTransaction(.immediate) }
        } catch {
            await rollBack(connection)
            await lock.unlock()
            throw SQLiteFailure.ledgerError(error, ledger: ledger)
        }
        return SQLiteSaveTransaction(connection: connection, ledger: ledger, lock: lock)
    }

    deinit {
        // Dropped without commit or rollback: nothing of it is kept.
        guard !finished else { return }
        let connection = self.connection, lock = self.lock
        Task.detached {
            await Self.rollBack(connection)
            await lock.unlock()
        }
    }

    /// Rolls back whatever `connection` holds open. Run in a detached task, which a
    /// cancelled caller does not cancel: GRDB refuses to start the work of a cancelled
    /// task, and the transaction would stay open.
    private static func rollBack(_ connection: DatabaseQueue) async {
        await Task.detached {
            try? await connection.writeWithoutTransaction { db in if db.isInsideTransaction { try db.rollback() } }
        }.value
    }

    /// Runs `body` in the transaction, its failures as ledger errors.
    private func run<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard !finished else { throw LedgerError.database(ledger: ledger, reason: "the save has already ended") }
        do {
            return try await connection.writeWithoutTransaction(body)
        } catch {
            throw SQLiteFailure.ledgerError(error, ledger: ledger)
        }
    }

    func lastSequence(year: Int) async throws -> Int {
        let base = QuoteNumber(year: year, seq: 0).rowID
        let last = try await run { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM quote WHERE id > ? AND id < ?",
                               arguments: [base, base + Int64(QuoteNumber.perYear)])
        }
        return last.map { Int($0 - base) } ?? 0
    }

    func holdsRequestRows() async throws -> Bool {
        try await run { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM quote INDEXED BY quote_request WHERE line IS NOT NULL)") ?? false
        }
    }

    func savedRequests(_ requestIDs: [String]) async throws -> [String: String] {
        var found: [String: (id: Int64, quoteID: String)] = [:]
        var start = 0
        while start < requestIDs.count {
            let chunk = Array(requestIDs[start..<min(start + Self.lookupChunk, requestIDs.count)])
            start += chunk.count
            let rows = try await run { db in
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
                // "line IS NOT NULL" lets SQLite use the partial index quote_request.
                return try Row.fetchAll(db, sql: "SELECT request_id, id, quote_id FROM quote INDEXED BY quote_request WHERE line IS NOT NULL AND request_id IN (\(marks))",
                                        arguments: StatementArguments(chunk)).map {
                    (String.fromDatabaseValue($0[0] as DatabaseValue), Int64.fromDatabaseValue($0[1] as DatabaseValue),
                     String.fromDatabaseValue($0[2] as DatabaseValue))
                }
            }
            for case let (requestID?, id?, quoteID?) in rows where found[requestID].map({ id < $0.id }) ?? true {
                // An earlier ledger may hold one request from two files: the first saved names it.
                found[requestID] = (id, quoteID)
            }
        }
        return found.mapValues(\.quoteID)
    }

    func insert(_ rows: [QuoteRow]) async throws {
        try await run { db in try QuoteInserter.insert(rows, into: db, buffer: &self.buffer) }
    }

    /// Rows are inserted as they come: nothing is buffered.
    func flush() async throws {}

    func attach(_ attachments: [QuoteAttachment]) async throws {
        try await run { db in
            for attachment in attachments {
                if let hash = attachment.linkTokenHash {
                    try SQLiteStore.storeLink(db, quote: attachment.quote, tokenHash: hash, created: attachment.linkCreated,
                                              revoked: attachment.linkRevoked, acceptance: attachment.linkAcceptance)
                }
                if let contact = attachment.contact { try SQLiteStore.storeContact(db, contact, quote: attachment.quote) }
                for event in attachment.events { try SQLiteStore.insertAudit(AuditRecord(event), db) }
            }
        }
    }

    func appendAudit(_ events: [AuditEvent]) async throws {
        try await run { db in
            for event in events { try SQLiteStore.insertAudit(AuditRecord(event), db) }
        }
    }

    func commit() async throws {
        guard !finished else { return }
        do {
            try await connection.writeWithoutTransaction { db in try db.commit() }
        } catch {
            await rollback()
            throw SQLiteFailure.ledgerError(error, ledger: ledger)
        }
        finished = true
        await lock.unlock()
    }

    func rollback() async {
        guard !finished else { return }
        finished = true
        await Self.rollBack(connection)
        await lock.unlock()
    }
}

extension SQLiteStore {
    /// Begins a save: waits for the store's other writes in this process, then for
    /// SQLite's write lock (`BEGIN IMMEDIATE`, up to the busy timeout).
    ///
    /// - Throws: ``LedgerError/locked(ledger:)`` when another program holds the ledger
    ///   longer; ``LedgerError/database(ledger:reason:)`` for a store opened to read.
    public func beginSave() async throws -> any SaveTransaction {
        guard let saveQueue else { throw SQLiteFailure.readOnly(name) }
        return try await SQLiteSaveTransaction.begin(on: saveQueue, ledger: name, lock: writeLock)
    }
}
