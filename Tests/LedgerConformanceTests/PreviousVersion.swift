import Foundation
import GRDB
import Ledger
@testable import LedgerPostgres
@testable import LedgerSQLite
import Pricing
import PostgresNIO
import Testing

/// A ledger of an earlier schema version holding saved quotes: the version before accounts
/// (SQLite 3, PostgreSQL 1), before client links (SQLite 4, PostgreSQL 3) or before the
/// audit trail (SQLite 5, PostgreSQL 4), made as the
/// current version, then taken back (the later tables dropped, the version lowered)
/// exactly to what that spaquote left.
struct PreviousVersion: Sendable {
    /// The schema a ledger is taken back to: the one before a feature came.
    enum Before: Sendable { case accounts, links, audit }

    /// The quotes it holds, in id order.
    var saved: [Quote]
    /// Opens it to write (which upgrades it).
    var open: @Sendable () async throws -> any LedgerStore & AccountStore
    /// The schema version it is marked with now.
    var version: @Sendable () async throws -> Int
    /// The version this spaquote writes.
    var currentVersion: Int
    /// The version it was taken back to.
    var takenBackTo: Int
}

extension StoreKind {
    /// A new, empty ledger, as the account store it also is.
    func makeAccountStore() async throws -> any LedgerStore & AccountStore {
        let store = try await makeStore()
        return try #require(store as? any LedgerStore & AccountStore)
    }

    /// A ledger of an earlier schema version holding `quotes`: the one before `before`'s
    /// tables (PostgreSQL before accounts: version 1, before migration 3's packed revenue column too).
    func makePreviousVersion(saving quotes: [Quote], before: PreviousVersion.Before = .accounts) async throws -> PreviousVersion {
        switch self {
        case .sqliteMemory: try await Self.previousInMemory(quotes, before)
        case .sqliteFile: try await Self.previousFile(quotes, before)
        case .postgres: try await Self.previousPostgres(quotes, before)
        }
    }

    static func sqliteDowngrade(_ before: PreviousVersion.Before) -> String {
        // sqlite_sequence (made with the audit table) stays: SQLite cannot drop it, and no check looks at it.
        let audit = "DROP TABLE audit_event; DELETE FROM grdb_migrations WHERE identifier = 'v6'; "
        let links = audit + "DROP TABLE share_link; DROP TABLE client_contact; DELETE FROM grdb_migrations WHERE identifier = 'v5';"
        switch before {
        case .audit: return audit + "PRAGMA user_version = 5"
        case .links: return links + " PRAGMA user_version = 4"
        case .accounts:
            return links + """
                 DROP TABLE web_session; DROP TABLE api_token; DROP TABLE account;
                DELETE FROM grdb_migrations WHERE identifier = 'v4'; PRAGMA user_version = 3
                """
        }
    }

    static func sqliteVersion(_ before: PreviousVersion.Before) -> Int {
        switch before {
        case .audit: 5
        case .links: 4
        case .accounts: 3
        }
    }

    static func postgresVersion(_ before: PreviousVersion.Before) -> Int {
        switch before {
        case .audit: 4
        case .links: 3
        case .accounts: 1
        }
    }

    static func saved(_ quotes: [Quote], into store: any LedgerStore) async throws -> [Quote] {
        ConformanceFixtures.saved(try await ConformanceFixtures.save(quotes, into: store))
            .sorted { QuoteNumber($0.quoteID)!.rowID < QuoteNumber($1.quoteID)!.rowID }
    }

    static func previousInMemory(_ quotes: [Quote], _ before: PreviousVersion.Before) async throws -> PreviousVersion {
        let queue = try DatabaseQueue(configuration: SQLiteStore.configuration(access: .write, busyTimeout: 1))
        let saved = try await saved(quotes, into: try await SQLiteStore(queue, name: "memory", access: .write))
        try await queue.writeWithoutTransaction { try $0.execute(sql: sqliteDowngrade(before)) }
        return PreviousVersion(saved: saved, open: { try await SQLiteStore(queue, name: "memory", access: .write) },
                               version: { Int(try await queue.read { try Int32.fetchOne($0, sql: "PRAGMA user_version") } ?? 0) },
                               currentVersion: Int(LedgerSchema.version), takenBackTo: sqliteVersion(before))
    }

    static func previousFile(_ quotes: [Quote], _ before: PreviousVersion.Before) async throws -> PreviousVersion {
        let path = ConformanceFolders.make() + "/ledger.sqlite"
        let store = try await SQLiteStore.open(path: path, create: true)
        let saved = try await saved(quotes, into: store)
        try await store.close()
        let queue = try DatabaseQueue(path: path)
        try await queue.writeWithoutTransaction { try $0.execute(sql: sqliteDowngrade(before)) }
        try queue.close()
        return PreviousVersion(saved: saved, open: { try await SQLiteStore.open(path: path, create: false) },
                               version: {
                                   let queue = try DatabaseQueue(path: path)
                                   defer { try? queue.close() }
                                   return Int(try await queue.read { try Int32.fetchOne($0, sql: "PRAGMA user_version") } ?? 0)
                               },
                               currentVersion: Int(LedgerSchema.version), takenBackTo: sqliteVersion(before))
    }

    static func previousPostgres(_ quotes: [Quote], _ before: PreviousVersion.Before) async throws -> PreviousVersion {
        let url = try await PostgresFactory.newDatabase()
        let text = PostgresFactory.text(url), database = url.database
        let store = try await PostgresStore.connect(url: text, environment: [:], create: true)
        let saved = try await saved(quotes, into: store)
        try await store.close()
        try await PostgresFactory.withConnection(database: database) { c in
            // Migration 6's notifications of account changes (its triggers go with the
            // function); migration 5's audit table; migration 4's link tables; for before
            // accounts also migration 3's packed revenue column (its index goes with it) and
            // migration 2's tables: version 1.
            let notices = ["DROP FUNCTION spaquote_accounts_changed() CASCADE"]
            let audit = ["DROP TABLE audit_event", "DROP FUNCTION audit_event_append_only()"]
            let links = ["DROP TABLE share_link", "DROP TABLE client_contact"]
            let accounts = ["ALTER TABLE quote DROP COLUMN revenue_packed",
                            "DROP TABLE web_session", "DROP TABLE api_token", "DROP TABLE account"]
            let version = postgresVersion(before)
            let drops = notices + audit + (before == .audit ? [] : links) + (before == .accounts ? accounts : [])
            for sql in drops + ["UPDATE spaquote_schema SET version = \(version)"] {
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
                               currentVersion: PostgresSchema.version, takenBackTo: postgresVersion(before))
    }
}
