import Foundation
import GRDB
import Ledger
import LedgerSQLite

/// The stores the conformance suite runs against. Adding a store is one case here, one
/// line in ``factory``, and its ``StoreFactory``.
enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqliteMemory
    case sqliteFile
    case postgres

    var factory: any StoreFactory {
        switch self {
        case .sqliteMemory: SQLiteMemoryFactory()
        case .sqliteFile: SQLiteFileFactory()
        case .postgres: PostgresFactory()
        }
    }

    var description: String { rawValue }

    /// A new, empty ledger.
    func makeStore() async throws -> any LedgerStore { try await factory.makeStore() }
    /// A database holding a ledger of a newer schema than this spaquote knows.
    func makeNewerSchema() async throws -> RefusedDatabase { try await factory.makeNewerSchema() }
    /// A database holding another program's data.
    func makeNotALedger() async throws -> RefusedDatabase { try await factory.makeNotALedger() }
}

/// How a store of one kind is made, and the databases it must refuse.
protocol StoreFactory: Sendable {
    func makeStore() async throws -> any LedgerStore
    func makeNewerSchema() async throws -> RefusedDatabase
    func makeNotALedger() async throws -> RefusedDatabase
}

/// A database a store must refuse to open, left as it was.
struct RefusedDatabase: Sendable {
    /// How the refusal names the ledger.
    var ledger: String
    /// Opens a store over it, to save (which must throw).
    var open: @Sendable () async throws -> any LedgerStore
    /// Everything it holds, to compare before and after the refusal.
    var contents: @Sendable () async throws -> Data
}

enum ConformanceFolders {
    static func make() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}

struct SQLiteMemoryFactory: StoreFactory {
    func makeStore() async throws -> any LedgerStore { try await SQLiteStore.inMemory() }

    private func database(_ sql: String, ledger: Bool) async throws -> RefusedDatabase {
        let queue = try DatabaseQueue(configuration: SQLiteStore.configuration(access: .write, busyTimeout: 1))
        if ledger { _ = try await SQLiteStore(queue, name: "memory", access: .write) }
        try await queue.writeWithoutTransaction { try $0.execute(sql: sql) }
        return RefusedDatabase(
            ledger: "memory",
            open: { try await SQLiteStore(queue, name: "memory", access: .write) },
            contents: {
                try await queue.read { db in
                    let rows = try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_schema ORDER BY name").map(\.description)
                    let marks = try Row.fetchAll(db, sql: "SELECT * FROM pragma_user_version, pragma_application_id").map(\.description)
                    return Data((rows + marks).joined(separator: "\n").utf8)
                }
            })
    }

    func makeNewerSchema() async throws -> RefusedDatabase { try await database("PRAGMA user_version = 99", ledger: true) }
    func makeNotALedger() async throws -> RefusedDatabase {
        try await database("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me')", ledger: false)
    }
}

struct SQLiteFileFactory: StoreFactory {
    func makeStore() async throws -> any LedgerStore {
        try await SQLiteStore.open(path: ConformanceFolders.make() + "/ledger.sqlite", create: true)
    }

    private func file(_ sql: String, ledger: Bool) async throws -> RefusedDatabase {
        let path = ConformanceFolders.make() + "/ledger.sqlite"
        if ledger { try await SQLiteStore.open(path: path, create: true).close() }
        let queue = try DatabaseQueue(path: path)
        try await queue.writeWithoutTransaction { try $0.execute(sql: sql) }
        try queue.close()
        return RefusedDatabase(ledger: path, open: { try await SQLiteStore.open(path: path, create: true) },
                               contents: { FileManager.default.contents(atPath: path) ?? Data() })
    }

    func makeNewerSchema() async throws -> RefusedDatabase { try await file("PRAGMA user_version = 99", ledger: true) }
    func makeNotALedger() async throws -> RefusedDatabase {
        try await file("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me')", ledger: false)
    }
}
