import Foundation
import GRDB
import Ledger
@testable import LedgerPostgres
@testable import LedgerSQLite
import Pricing
import PostgresNIO
import Testing

/// A ledger of the schema version before accounts (SQLite 3, PostgreSQL 1) holding saved
/// quotes: made as the current version, then taken back (the account tables dropped, the
/// version lowered) exactly to what the previous spaquote left.
struct PreviousVersion: Sendable {
    /// The quotes it holds, in id order.
    var saved: [Quote]
    /// Opens it to write (which upgrades it).
    var open: @Sendable () async throws -> any LedgerStore & AccountStore
    /// The schema version it is marked with now.
    var version: @Sendable () async throws -> Int
    /// The version this spaquote writes.
    var currentVersion: Int
}

extension StoreKind {
    /// A new, empty ledger, as the account store it also is.
    func makeAccountStore() async throws -> any LedgerStore & AccountStore {
        let store = try await makeStore()
        return try #require(store as? any LedgerStore & AccountStore)
    }

    /// A ledger of an earlier schema version holding `quotes` (SQLite: the previous one; PostgreSQL: version 1).
    func makePreviousVersion(saving quotes: [Quote]) async throws -> PreviousVersion {
        switch self {
        case .sqliteMemory: try await Self.previousInMemory(quotes)
        case .sqliteFile: try await Self.previousFile(quotes)
        case .postgres: try await Self.previousPostgres(quotes)
        }
    }

    static let sqliteDowngrade = """
        DROP TABLE web_session; DROP TABLE api_token; DROP TABLE account;
        DELETE FROM grdb_migrations WHERE identifier = 'v4'; PRAGMA user_version = 3
        """

    static func saved(_ quotes: [Quote], into store: any LedgerStore) async throws -> [Quote] {
        ConformanceFixtures.saved(try await ConformanceFixtures.save(quotes, into: store))
            .sorted { QuoteNumber($0.quoteID)!.rowID < QuoteNumber($1.quoteID)!.rowID }
    }

    static func previousInMemory(_ quotes: [Quote]) async throws -> PreviousVersion {
        let queue = try DatabaseQueue(configuration: SQLiteStore.configuration(access: .write, busyTimeout: 1))
        let saved = try await saved(quotes, into: try await SQLiteStore(queue, name: "memory", access: .write))
        try await queue.writeWithoutTransaction { try $0.execute(sql: sqliteDowngrade) }
        return PreviousVersion(saved: saved, open: { try await SQLiteStore(queue, name: "memory", access: .write) },
                               version: { Int(try await queue.read { try Int32.fetchOne($0, sql: "PRAGMA user_version") } ?? 0) },
                               currentVersion: Int(LedgerSchema.version))
    }

    static func previousFile(_ quotes: [Quote]) async throws -> PreviousVersion {
        let path = ConformanceFolders.make() + "/ledger.sqlite"
        let store = try await SQLiteStore.open(path: path, create: true)
        let saved = try await saved(quotes, into: store)
        try await store.close()
        let queue = try DatabaseQueue(path: path)
        try await queue.writeWithoutTransaction { try $0.execute(sql: sqliteDowngrade) }
        try queue.close()
        return PreviousVersion(saved: saved, open: { try await SQLiteStore.open(path: path, create: false) },
                               version: {
                                   let queue = try DatabaseQueue(path: path)
                                   defer { try? queue.close() }
                                   return Int(try await queue.read { try Int32.fetchOne($0, sql: "PRAGMA user_version") } ?? 0)
                               },
                               currentVersion: Int(LedgerSchema.version))
    }

    static func previousPostgres(_ quotes: [Quote]) async throws -> PreviousVersion {
        let url = try await PostgresFactory.newDatabase()
        let text = PostgresFactory.text(url), database = url.database
        let store = try await PostgresStore.connect(url: text, environment: [:], create: true)
        let saved = try await saved(quotes, into: store)
        try await store.close()
        try await PostgresFactory.withConnection(database: database) { c in
            // Back to version 1: migration 3's packed revenue column and migration 2's tables undone.
            for sql in ["ALTER TABLE quote DROP COLUMN revenue_packed",
                        "DROP TABLE web_session", "DROP TABLE api_token", "DROP TABLE account",
                        "UPDATE spaquote_schema SET version = 1"] {
                try await c.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "conformance"))
            }
        }
        return PreviousVersion(saved: saved, open: { try await PostgresStore.connect(url: text, environment: [:], create: false) },
                               version: {
                                   try await PostgresFactory.withConnection(database: database) { c in
                                       var version = 0
                                       let rows = try await c.query("SELECT version FROM spaquote_schema", logger: Logger(label: "conformance"))
                                       for try await v in rows.decode(Int.self) { version = v }
                                       return version
                                   }
                               },
                               currentVersion: PostgresSchema.version)
    }
}
