import Foundation
import Ledger
@testable import LedgerPostgres
import PostgresNIO
import Pricing
import Testing

/// The throwaway PostgreSQL server the tests run against: `make test` starts it with
/// `scripts/postgres-test-server` and exports its superuser URL as
/// `SPAQUOTE_TEST_POSTGRES_URL`. Each test makes a database of its own and drops it after.
enum PostgresTestServer {
    static let environment = ProcessInfo.processInfo.environment

    /// False only when `SPAQUOTE_SKIP_POSTGRES=1`: the suites needing the server are skipped.
    static let enabled = environment["SPAQUOTE_SKIP_POSTGRES"] != "1"

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "SPAQUOTE_TEST_POSTGRES_URL is not set: run the tests with `make test` (which starts a throwaway PostgreSQL server), or start one with `scripts/postgres-test-server start DIR` and `export SPAQUOTE_TEST_POSTGRES_URL=$(cat DIR/url)`; SPAQUOTE_SKIP_POSTGRES=1 skips these tests"
        }
    }

    /// The superuser URL (with its password).
    static func superuserURL() throws -> PostgresURL {
        guard let text = environment["SPAQUOTE_TEST_POSTGRES_URL"], !text.isEmpty else { throw Missing() }
        return try PostgresURL(text)
    }

    /// `url` as text, password included.
    static func text(_ url: PostgresURL) -> String {
        let password = url.password.map { ":" + PostgresURL.encode($0) } ?? ""
        return "postgresql://\(PostgresURL.encode(url.user))\(password)@\(url.host):\(url.port)/\(PostgresURL.encode(url.database))"
    }

    /// Runs `sql` statements as the superuser on `database` (the server's own test database by default).
    static func admin(_ statements: [String], database: String? = nil) async throws {
        let url = try superuserURL()
        let config = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user, password: url.password,
                                                      database: database ?? url.database, tls: .disable)
        let c = try await PostgresConnection.connect(on: PostgresClient.defaultEventLoopGroup.next(), configuration: config,
                                                     id: 1, logger: PostgresStore.logger).get()
        do {
            for sql in statements { try await c.execute(PostgresQuery(unsafeSQL: sql)) }
        } catch {
            try? await c.close()
            throw error
        }
        try await c.close()
    }

    /// Runs `body` with the superuser URL of a new, empty database, dropped afterwards.
    static func withDatabase<T>(_ body: (PostgresURL) async throws -> T) async throws -> T {
        var url = try superuserURL()
        url.database = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin(["CREATE DATABASE \(url.database)"])
        do {
            let result = try await body(url)
            try await admin(["DROP DATABASE \(url.database) WITH (FORCE)"])
            return result
        } catch {
            try? await admin(["DROP DATABASE \(url.database) WITH (FORCE)"])
            throw error
        }
    }

    /// Runs `body` with a store on a new ledger (connected from its URL), closed and dropped afterwards.
    static func withLedger<T>(_ body: (PostgresStore, PostgresURL) async throws -> T) async throws -> T {
        try await withDatabase { url in
            let store = try await PostgresStore.connect(url: text(url), environment: [:], create: true)
            do {
                let result = try await body(store, url)
                try await store.close()
                return result
            } catch {
                try? await store.close()
                throw error
            }
        }
    }
}

/// Quotes for the tests, priced from Examples/pricing.toml.
enum Quotes {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let card = try! RateCard.load(path: root.appendingPathComponent("Examples/pricing.toml").path)

    /// Quote `i`: accepted every third, with add-ons, dated `date`.
    static func quote(_ i: Int, client: String? = nil, date: String = "2026-11-01") throws -> Quote {
        let accepted = i % 3 == 0
        let day = LocalDate(iso: date)!
        let r = QuoteRequest(requestID: "R\(i)", client: client ?? "Client \(i)", location: i % 2 == 0 ? "downtown" : "uptown",
                             tier: "senior", areas: ["face", "neck"], sessions: 1 + i % 6, addons: ["aftercare_kit", "growth_serum"],
                             promo: nil, quoteDate: day, status: accepted ? .accepted : .quoted,
                             acceptedOn: accepted ? day : nil)
        return try QuoteEngine.quote(r, card: card, today: day)
    }

    /// Saves quotes `range` from requests file `file` in one session; returns the outcomes.
    @discardableResult
    static func save(_ range: ClosedRange<Int>, into store: any LedgerStore, file: String = "requests.csv",
                     date: String = "2026-11-01") async throws -> [SaveOutcome] {
        let quotes = try range.map { try quote($0, date: date) }
        return try await SaveSession.run(on: store) { session in
            try await session.save(quotes, from: .requestsFile(name: file), lines: range.map { $0 + 1 }, rateCardHash: card.contentHash)
        }
    }
}
