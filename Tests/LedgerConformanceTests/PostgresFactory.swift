import Foundation
import Ledger
@testable import LedgerPostgres
import PostgresNIO

/// PostgreSQL ledgers on the test run's throwaway server (`make test` starts it and sets
/// `SPAQUOTE_TEST_POSTGRES_URL` to a superuser's URL): each store gets a new database.
struct PostgresFactory: StoreFactory {
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "SPAQUOTE_TEST_POSTGRES_URL is not set: run the tests with `make test` (it starts a throwaway PostgreSQL server), or start one with `scripts/postgres-test-server start DIR` and `export SPAQUOTE_TEST_POSTGRES_URL=$(cat DIR/url)`"
        }
    }

    static func serverURL() throws -> PostgresURL {
        guard let text = ProcessInfo.processInfo.environment["SPAQUOTE_TEST_POSTGRES_URL"], !text.isEmpty else { throw Missing() }
        return try PostgresURL(text)
    }

    /// `url` as text, with its password.
    static func text(_ url: PostgresURL) -> String {
        let password = url.password.map { ":" + PostgresURL.encode($0) } ?? ""
        return "postgresql://\(PostgresURL.encode(url.user))\(password)@\(url.host):\(url.port)/\(PostgresURL.encode(url.database))"
    }

    /// Runs `body` on a superuser connection to `database` (the server's own by default).
    static func withConnection<T>(database: String? = nil, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let url = try serverURL()
        let config = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user, password: url.password,
                                                      database: database ?? url.database, tls: .disable)
        let c = try await PostgresConnection.connect(on: PostgresClient.defaultEventLoopGroup.next(), configuration: config,
                                                     id: 1, logger: Logger(label: "conformance"))
        do {
            let result = try await body(c)
            try await c.close()
            return result
        } catch {
            try? await c.close()
            throw error
        }
    }

    /// A new, empty database's URL.
    static func newDatabase() async throws -> PostgresURL {
        var url = try serverURL()
        url.database = "conformance_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let name = url.database
        try await withConnection { try await $0.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: Logger(label: "conformance")) }
        return url
    }

    func makeStore() async throws -> any LedgerStore {
        try await PostgresStore.connect(url: Self.text(try await Self.newDatabase()), environment: [:], create: true)
    }

    private func database(_ sql: String, ledger: Bool) async throws -> RefusedDatabase {
        let url = try await Self.newDatabase()
        if ledger { try await PostgresStore.connect(url: Self.text(url), environment: [:], create: true).close() }
        try await Self.withConnection(database: url.database) { c in
            // One statement a query (the extended protocol takes no more).
            for statement in sql.split(separator: ";") {
                try await c.query(PostgresQuery(unsafeSQL: String(statement)), logger: Logger(label: "conformance"))
            }
        }
        let text = Self.text(url), database = url.database
        return RefusedDatabase(
            ledger: url.name,
            open: { try await PostgresStore.connect(url: text, environment: [:], create: true) },
            contents: {
                try await Self.withConnection(database: database) { c in
                    // Every table with its columns, then every row of the small tables made here.
                    var lines: [String] = []
                    let columns = try await c.query("""
                        SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
                        WHERE table_schema = 'public' ORDER BY table_name, ordinal_position
                        """, logger: Logger(label: "conformance"))
                    for try await line in columns.decode(String.self) { lines.append(line) }
                    for table in ["spaquote_schema", "notes"] where lines.contains(where: { $0.hasPrefix(table + ".") }) {
                        let rows = try await c.query(PostgresQuery(unsafeSQL: "SELECT row_to_json(t)::text FROM \(table) t ORDER BY 1"),
                                                     logger: Logger(label: "conformance"))
                        for try await line in rows.decode(String.self) { lines.append(line) }
                    }
                    return Data(lines.joined(separator: "\n").utf8)
                }
            })
    }

    func makeNewerSchema() async throws -> RefusedDatabase {
        try await database("UPDATE spaquote_schema SET version = 99", ledger: true)
    }

    func makeNotALedger() async throws -> RefusedDatabase {
        try await database("CREATE TABLE notes (id serial PRIMARY KEY, body text); INSERT INTO notes (body) VALUES ('keep me')", ledger: false)
    }
}
