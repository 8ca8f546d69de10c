import Foundation
import GRDB
import Ledger
@testable import LedgerSQLite
import Pricing
import Testing

@Suite("The SQLite store: its connections, locks and queries")
struct SQLiteStoreTests {
    @Test("a save on a file holds its transaction between calls on its own connection: readers of the store see the ledger as it was until the commit")
    func saveConnection() async throws {
        let path = LedgerFixtures.folder() + "/l.sqlite"
        let store = try await SQLiteStore.open(path: path, create: true)
        try await LedgerFixtures.save([1, 2], into: store)
        let session = try await SaveSession(store)
        _ = try await session.save([try LedgerFixtures.quote(3)], from: .commandLine, lines: [nil], rateCardHash: "h")
        #expect((await LedgerFixtures.entries(store)).ids == ["Q-2026-000001", "Q-2026-000002"])
        try await session.commit()
        #expect((await LedgerFixtures.entries(store)).ids == ["Q-2026-000001", "Q-2026-000002", "Q-2026-000003"])
        try await store.close()
    }

    @Test("a save whose task is cancelled keeps nothing, and the store saves again afterwards", arguments: [false, true])
    func cancelledSave(inMemory: Bool) async throws {
        let store = inMemory ? try await SQLiteStore.inMemory() : try await SQLiteStore.open(path: LedgerFixtures.folder() + "/l.sqlite", create: true)
        try await LedgerFixtures.save([1], into: store)
        let started = AsyncStream<Void>.makeStream()
        let task = Task {
            try await SaveSession.run(on: store) { session in
                _ = try await session.save(try (2...40).map(LedgerFixtures.quote), from: .commandLine,
                                           lines: Array(repeating: nil, count: 39), rateCardHash: "h")
                started.continuation.yield()
                try await Task.sleep(for: .seconds(30))
            }
        }
        for await _ in started.stream { break }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect((await LedgerFixtures.entries(store)).ids == ["Q-2026-000001"])
        #expect(LedgerFixtures.saved(try await LedgerFixtures.save([2], into: store)) == ["Q-2026-000002"])
        try await store.close()
    }

    @Test("a ledger another program holds locked is reported locked after the wait, for a save and for a status change")
    func locked() async throws {
        let path = LedgerFixtures.folder() + "/l.sqlite"
        try await LedgerFixtures.ledger(at: path, quotes: 1)
        let store = try await SQLiteStore.open(path: path, create: false, busyTimeout: 0.2)
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: config)
        try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }
        await #expect(throws: LedgerError.locked(ledger: path)) { try await LedgerFixtures.save([2], into: store) }
        await #expect(throws: LedgerError.locked(ledger: path)) { _ = try await store.changeStatus(of: .q2026(1), .decline) }
        try await other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        // Free again: the store works, and the refused save took no number.
        #expect(LedgerFixtures.saved(try await LedgerFixtures.save([2], into: store)) == ["Q-2026-000002"])
        try await store.close()
        try other.close()
    }

    @Test("a ledger written by a newer spaquote's migration is refused and left untouched")
    func newerMigration() async throws {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        try await LedgerFixtures.ledger(at: path, quotes: 1)
        try LedgerFixtures.sqlite(path, "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        let before = LedgerFixtures.snapshot(folder)
        for access in [SQLiteStore.Access.read, .write] {
            await #expect(throws: LedgerError.newerSchema(ledger: path)) { _ = try await SQLiteStore.open(path: path, create: true, access: access) }
        }
        #expect(LedgerFixtures.snapshot(folder) == before)
    }

    @Test("a store opened to read refuses to save or change a status, and the file is left as it was")
    func readOnly() async throws {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        try await LedgerFixtures.ledger(at: path, quotes: 2)
        let before = LedgerFixtures.snapshot(folder)
        let store = try await SQLiteStore.open(path: path, create: false, access: .read)
        await #expect { _ = try await store.beginSave() } throws: { $0.kind == "database" && "\($0)".contains("opened to read") }
        await #expect { _ = try await store.changeStatus(of: .q2026(1), .decline) } throws: { $0.kind == "database" }
        try await store.close()
        #expect(LedgerFixtures.snapshot(folder) == before)
    }

    @Test("a store is handed its database: in memory with the ledger configuration it works; a plain in-memory queue is refused with what to do")
    func handedDatabase() async throws {
        let queue = try DatabaseQueue(configuration: SQLiteStore.configuration(access: .write, busyTimeout: 1))
        let store = try await SQLiteStore(queue, name: "test ledger", access: .write)
        try await LedgerFixtures.save([1, 2, 3], into: store)
        #expect(try await store.summary().quotes == 3)
        #expect(try await queue.read { try Int32.fetchOne($0, sql: "PRAGMA user_version") } == LedgerSchema.version)
        await #expect { _ = try await SQLiteStore(DatabaseQueue(), name: "plain", access: .write) } throws: {
            $0.kind == "cannotOpen" && "\($0)".hasPrefix("plain: ") && "\($0)".contains("SQLiteStore.configuration")
        }
        // An empty database is not made a ledger by a read.
        await #expect { _ = try await SQLiteStore(DatabaseQueue(), name: "empty", access: .read) } throws: { $0.kind == "cannotOpen" }
    }

    @Test("the quote table's columns are the store-neutral columns, and the insert names them all")
    func columns() {
        #expect(LedgerSchema.quoteColumns == QuoteColumns.all)
        #expect(QuoteInserter.insertSQL.components(separatedBy: "?").count - 1 == QuoteColumns.all.count)
    }

    @Test("the repeat check and the request-rows check use the index, not a scan of the ledger")
    func repeatQueriesUseTheIndex() async throws {
        let store = try await SQLiteStore.inMemory()
        try await LedgerFixtures.save(Array(1...50), into: store)
        let plans = try await store.queue.read { db in
            let plan = { (sql: String, arguments: StatementArguments) in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }.joined(separator: "; ")
            }
            return [
                try plan("SELECT request_id, id, quote_id FROM quote INDEXED BY quote_request WHERE line IS NOT NULL AND request_id IN (?, ?)", ["R1", "R2"]),
                try plan("SELECT EXISTS (SELECT 1 FROM quote INDEXED BY quote_request WHERE line IS NOT NULL)", []),
            ]
        }
        #expect(plans[0].contains("USING INDEX quote_request (request_id=?)"), "\(plans[0])")
        #expect(plans[1].contains("quote_request"), "\(plans[1])")
        let session = try await store.beginSave()
        #expect(try await session.savedRequests((1...2_500).map { "R\($0)" }).count == 50)   // three lookups of at most 1,000
        #expect(try await session.holdsRequestRows())
        #expect(try await session.lastSequence(year: 2026) == 50)
        #expect(try await session.lastSequence(year: 2027) == 0)
        await session.rollback()
    }

    @Test("reports read only the quotes the month range needs: the range is part of the query")
    func revenuePushDown() async throws {
        let filter = QuoteFilter.revenue(from: YearMonth(iso: "2026-11")!, to: YearMonth(iso: "2026-12")!)
        var arguments = StatementArguments()
        let sql = filter.sql(&arguments)
        #expect(sql == "(quote.quote_date BETWEEN ? AND ? OR ((quote.status = ? AND quote.accepted_on BETWEEN ? AND ?) AND (quote.last_session >= ? OR (quote.status = ? AND quote.accepted_on BETWEEN ? AND ?))))")
        #expect(arguments == ["2026-11-01", "2026-12-31", "accepted", "0001-01-01", "2026-12-31", "2026-11-01", "accepted", "2026-11-01", "2026-12-31"])
    }
}

extension LedgerFixtures {
    /// The ids of the quotes `outcomes` saved.
    static func saved(_ outcomes: [SaveOutcome]) -> [String] {
        outcomes.compactMap { if case let .saved(q) = $0 { q.quoteID } else { nil } }
    }
}
