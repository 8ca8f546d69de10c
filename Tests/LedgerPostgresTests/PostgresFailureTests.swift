import Foundation
import Ledger
import Platform
@testable import LedgerPostgres
import PostgresNIO
import Pricing
import Testing

/// Each failure a user can meet with a PostgreSQL ledger, against the real throwaway
/// server: one line, the ledger named by its URL without the password, and the class.
@Suite("PostgreSQL ledger failures", .enabled(if: PostgresTestServer.enabled), .serialized, .timeLimit(.minutes(2)))
struct PostgresFailureTests {
    /// Connects to `text`, expecting a ``LedgerError``; checks that no password shows.
    func failure(_ text: String, create: Bool = true, environment: [String: String] = [:],
                 passwords: [String]) async throws -> LedgerError {
        let error = await #expect(throws: LedgerError.self) {
            let store = try await PostgresStore.connect(url: text, environment: environment, create: create)
            try await store.close()
        }
        let e = try #require(error)
        expectNoPassword(e, passwords)
        return e
    }

    func expectNoPassword(_ e: LedgerError, _ passwords: [String]) {
        for shown in [e.description, String(reflecting: e), "\(e)"] {
            #expect(!shown.contains("\n"), "one line: \(shown)")
            for p in passwords where !p.isEmpty { #expect(!shown.contains(p), "the password shows in: \(shown)") }
        }
    }

    @Test("a wrong password, from the URL, PGPASSWORD or the password file, is refused as access denied", arguments: ["url", "env", "file"])
    func wrongPassword(_ from: String) async throws {
        let url = try PostgresTestServer.superuserURL()
        var wrong = url
        wrong.password = from == "url" ? "Wr0ng-Pa55-zz" : nil
        var environment: [String: String] = [:]
        if from == "env" { environment["PGPASSWORD"] = "Wr0ng-Pa55-zz" }
        if from == "file" {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
            try "*:*:*:*:Wr0ng-Pa55-zz\n".write(toFile: path, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            environment["PGPASSFILE"] = path
        }
        let e = try await failure(PostgresTestServer.text(wrong), environment: environment, passwords: ["Wr0ng-Pa55-zz", url.password ?? ""])
        guard case let .accessDenied(ledger, reason) = e else { Issue.record("not access denied: \(e)"); return }
        #expect(ledger == wrong.name && reason.contains("authentication failed"))
        #expect(e.description.hasPrefix("postgresql://\(url.user)@\(url.host):\(url.port)/\(url.database): "))
    }

    @Test("no password at all, when the server asks for one, is access denied")
    func noPassword() async throws {
        var url = try PostgresTestServer.superuserURL()
        let password = url.password ?? ""
        url.password = nil
        let e = try await failure(PostgresTestServer.text(url), environment: ["HOME": "/nonexistent"], passwords: [password])
        guard case .accessDenied = e else { Issue.record("not access denied: \(e)"); return }
    }

    @Test("a database that does not exist cannot be opened, and the message says how to create it", arguments: ["no_such_ledger", "Chain Ledger"])
    func missingDatabase(_ name: String) async throws {
        var url = try PostgresTestServer.superuserURL()
        url.database = name
        let e = try await failure(PostgresTestServer.text(url), passwords: [url.password ?? ""])
        guard case let .cannotOpen(ledger, reason) = e else { Issue.record("not cannotOpen: \(e)"); return }
        #expect(ledger == url.name)
        #expect(reason.contains("the database '\(name)' does not exist") && reason.contains("CREATE DATABASE"))
    }

    @Test("a server that does not answer is unreachable: a closed port, an unknown host", arguments: ["port", "host"])
    func unreachable(_ what: String) async throws {
        var url = try PostgresTestServer.superuserURL()
        if what == "port" { url.port = try closedPort() } else { url.host = "no-such-host.invalid" }
        let e = try await failure(PostgresTestServer.text(url), passwords: [url.password ?? ""])
        guard case let .unreachable(ledger, reason) = e else { Issue.record("not unreachable: \(e)"); return }
        #expect(ledger == (try PostgresURL(PostgresTestServer.text(url))).name)
        #expect(reason.contains(what == "port" ? "connection refused" : "not known"), "\(reason)")
    }

    @Test("a role without rights on the ledger's tables is denied access, for reads and saves")
    func noRights() async throws {
        let role = "clerk_" + UUID().uuidString.prefix(8).lowercased()
        try await PostgresTestServer.admin(["CREATE ROLE \(role) LOGIN PASSWORD 'Cl3rk-pw-9'"])
        defer { Task { try? await PostgresTestServer.admin(["DROP ROLE IF EXISTS \(role)"]) } }
        try await PostgresTestServer.withLedger { store, url in
            try await Quotes.save(1...3, into: store)
            try await PostgresTestServer.admin(["GRANT CONNECT ON DATABASE \(url.database) TO \(role)"])
            var clerk = url
            clerk.user = role
            clerk.password = "Cl3rk-pw-9"
            let e = try await failure(PostgresTestServer.text(clerk), passwords: ["Cl3rk-pw-9", url.password ?? ""])
            guard case let .accessDenied(_, reason) = e else { Issue.record("not access denied: \(e)"); return }
            #expect(reason.contains("permission denied"))
            // Read rights on the mark only: opening works, reading and saving quotes do not.
            try await PostgresTestServer.admin(["GRANT SELECT ON spaquote_schema TO \(role)"], database: url.database)
            let limited = try await PostgresStore.connect(url: PostgresTestServer.text(clerk), environment: [:], create: false)
            for attempt in 0..<2 {
                let error = await #expect(throws: LedgerError.self) {
                    if attempt == 0 { _ = try await limited.summary() } else { try await Quotes.save(10...11, into: limited) }
                }
                guard case .accessDenied? = error else { Issue.record("not access denied: \(String(describing: error))"); continue }
                expectNoPassword(error!, ["Cl3rk-pw-9"])
            }
            try await limited.close()
            try await PostgresTestServer.admin(["DROP OWNED BY \(role)"], database: url.database)
            #expect(try await store.summary().quotes == 3)
        }
    }

    @Test("a database holding other tables is not a ledger, and is left untouched", arguments: [true, false])
    func notALedger(_ create: Bool) async throws {
        try await PostgresTestServer.withDatabase { url in
            try await PostgresTestServer.admin(["CREATE TABLE patients (id int PRIMARY KEY, name text)",
                                                "INSERT INTO patients VALUES (1, 'Ana')"], database: url.database)
            let e = try await failure(PostgresTestServer.text(url), create: create, passwords: [url.password ?? ""])
            guard case let .notALedger(ledger, reason) = e else { Issue.record("not notALedger: \(e)"); return }
            #expect(ledger == url.name && reason.contains("'patients'"))
            let tables = try await PostgresTestServer.tables(url.database)
            #expect(tables == ["patients"])
        }
    }

    @Test("a spaquote_schema table that does not mark a spaquote ledger is refused")
    func foreignMark() async throws {
        try await PostgresTestServer.withDatabase { url in
            try await PostgresTestServer.admin(["CREATE TABLE spaquote_schema (application text, version int)",
                                                "INSERT INTO spaquote_schema VALUES ('another program', 1)"], database: url.database)
            let e = try await failure(PostgresTestServer.text(url), passwords: [url.password ?? ""])
            guard case .notALedger = e else { Issue.record("not notALedger: \(e)"); return }
        }
    }

    @Test("a ledger of a newer schema is refused, untouched", arguments: [PostgresSchema.version + 1, 99])
    func newerSchema(_ version: Int) async throws {
        try await PostgresTestServer.withLedger { store, url in
            try await Quotes.save(1...2, into: store)
            try await PostgresTestServer.admin(["UPDATE spaquote_schema SET version = \(version)"], database: url.database)
            let e = try await failure(PostgresTestServer.text(url), passwords: [url.password ?? ""])
            #expect(e == .newerSchema(ledger: url.name))
            try await PostgresTestServer.admin(["UPDATE spaquote_schema SET version = \(PostgresSchema.version)"], database: url.database)
            #expect(try await store.summary().quotes == 2)
        }
    }

    @Test("an empty database is not opened for reading, and is created as a ledger for saving")
    func emptyDatabase() async throws {
        try await PostgresTestServer.withDatabase { url in
            let e = try await failure(PostgresTestServer.text(url), create: false, passwords: [url.password ?? ""])
            guard case .cannotOpen = e else { Issue.record("not cannotOpen: \(e)"); return }
            #expect(try await PostgresTestServer.tables(url.database).isEmpty)
            // Several processes creating it at once: one creates it, the others find it made.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let store = try await PostgresStore.connect(url: PostgresTestServer.text(url), environment: [:], create: true)
                        try await store.close()
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await PostgresTestServer.tables(url.database) == ["account", "api_token", "audit_event", "client_contact", "quote", "share_link", "spaquote_schema", "web_session"])
        }
    }

    @Test("a connection lost in the middle of a save keeps nothing of that save, and says the server was lost",
          arguments: ["after the last chunk", "while rows are copied"])
    func connectionLostMidSave(_ when: String) async throws {
        try await PostgresTestServer.withLedger { store, url in
            try await Quotes.save(1...10, into: store)
            let quotes = try (11...9_000).map { try Quotes.quote($0) }
            let terminate = """
                SELECT pg_terminate_backend(pid) FROM pg_locks
                WHERE locktype = 'advisory' AND classid = \(PostgresSchema.lockClass) AND objid = \(PostgresSchema.saveLock)
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """
            let session = try await SaveSession(store)
            let killer = Task {
                guard when == "while rows are copied" else { return }
                // Wait for the server to be storing a slice (COPY under way), and end it then.
                let copying = terminate.replacingOccurrences(of: "FROM pg_locks", with: "FROM pg_locks JOIN pg_stat_activity USING (pid)")
                    + " AND state = 'active' AND query LIKE 'COPY%'"
                for _ in 0..<6_000 {
                    if try await PostgresTestServer.count(copying, database: url.database) > 0 { return }
                    try await Task.sleep(for: .milliseconds(5))
                }
                Issue.record("the save never copied")
            }
            let error = await #expect(throws: LedgerError.self) {
                // Chunks as a batch gives them: slices reach the server as they fill.
                for round in 0..<(when == "after the last chunk" ? 1 : 20) {
                    for start in stride(from: 0, to: quotes.count, by: 512) {
                        var chunk = Array(quotes[start..<min(start + 512, quotes.count)])
                        for k in chunk.indices { chunk[k].request.requestID += "-\(round)" }
                        _ = try await session.save(chunk, from: .requestsFile(name: "big.csv"), lines: chunk.indices.map { $0 + 2 },
                                                   rateCardHash: Quotes.card.contentHash)
                    }
                }
                if when == "after the last chunk" { try await PostgresTestServer.admin([terminate], database: url.database) }
                try await session.commit()
            }
            try await killer.value
            await session.rollback()
            guard case let .unreachable(ledger, _)? = error else { Issue.record("not unreachable: \(String(describing: error))"); return }
            #expect(ledger == url.name)
            expectNoPassword(error!, [url.password ?? ""])
            // The store goes on with a new connection; the lost save left nothing.
            let summary = try await store.summary()
            #expect(summary.quotes == 10 && summary.lastRowID == QuoteNumber(year: 2026, seq: 10).rowID)
            try await Quotes.save(11...12, into: store)
            #expect(try await store.entry(QuoteNumber(year: 2026, seq: 12)).quote.request.requestID == "R12")
        }
    }

    @Test("a save waiting longer than the lock timeout for another save is told the ledger is locked")
    func locked() async throws {
        try await PostgresTestServer.withDatabase { url in
            let first = try await PostgresStore.connect(url: PostgresTestServer.text(url), environment: [:], create: true)
            let second = try await PostgresStore.connect(url: PostgresTestServer.text(url), environment: [:], create: false,
                                                         lockTimeout: .milliseconds(300))
            let holding = try await SaveSession(first)
            let error = await #expect(throws: LedgerError.self) { _ = try await SaveSession(second) }
            #expect(error == .locked(ledger: url.name))
            await holding.rollback()
            try await Quotes.save(1...1, into: second)
            try await first.close()
            try await second.close()
        }
    }

    /// A loopback port nothing listens on.
    func closedPort() throws -> Int {
        let fd = LibC.streamSocket(AF_INET)
        defer { LibC.close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

extension PostgresTestServer {
    /// The number of rows `sql` returns on `database`.
    static func count(_ sql: String, database: String) async throws -> Int {
        let url = try superuserURL()
        let config = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user, password: url.password,
                                                      database: database, tls: .disable)
        let c = try await PostgresConnection.connect(on: PostgresClient.defaultEventLoopGroup.next(), configuration: config,
                                                     id: 3, logger: PostgresStore.logger).get()
        var n = 0
        do {
            for try await _ in try await c.query(PostgresQuery(unsafeSQL: sql), logger: PostgresStore.logger) { n += 1 }
        } catch {
            try? await c.close()
            throw error
        }
        try await c.close()
        return n
    }

    /// The tables of `database`'s public schema, sorted.
    static func tables(_ database: String) async throws -> [String] {
        let url = try superuserURL()
        let config = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user, password: url.password,
                                                      database: database, tls: .disable)
        let c = try await PostgresConnection.connect(on: PostgresClient.defaultEventLoopGroup.next(), configuration: config,
                                                     id: 2, logger: PostgresStore.logger).get()
        var names: [String] = []
        let rows = try await c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", logger: PostgresStore.logger)
        for try await (name) in rows.decode(String.self) { names.append(name) }
        try await c.close()
        return names
    }
}
