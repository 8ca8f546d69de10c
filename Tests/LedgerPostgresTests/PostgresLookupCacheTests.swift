import Foundation
import Ledger
@testable import LedgerPostgres
import Testing

/// The lookups a server keeps (token, session, account) follow changes to accounts, tokens
/// and sessions made by another process (a second store stands for `spaquote user ...` or
/// another server) once their notification arrives, and the store's own changes at once.
@Suite("PostgreSQL: kept lookups follow every change to accounts, tokens and sessions")
struct PostgresLookupCacheTests {
    /// Waits up to 5 s for `condition`; whether it came true.
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<100 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    static func listening(_ store: PostgresStore) async throws -> Bool {
        try await eventually { store.accountChanges.generation != nil }
    }

    @Test("another process's disable, revocation or role change reaches a server that keeps the token's account",
          arguments: ["disable", "revoke", "role"])
    func otherProcess(_ change: String) async throws {
        try await PostgresTestServer.withLedger { server, url in
            try await server.addAccount(Account(name: "ana", role: .clerk, locations: ["downtown"], passwordHash: "x"))
            try await server.addToken(hash: "t1", user: "ana", created: 1)
            server.keepLookups()
            #expect(try await Self.listening(server))
            for _ in 0..<3 { #expect(try await server.account(forToken: "t1")?.role == .clerk) }
            let other = try await PostgresStore.connect(url: PostgresTestServer.text(url), environment: [:], create: false)
            var ana = try #require(try await other.account(named: "ana"))
            switch change {
            case "disable": ana.disabled = true; try await other.updateAccount(ana)
            case "revoke": _ = try await other.removeTokens(of: "ana")
            default: ana.role = .manager; try await other.updateAccount(ana)
            }
            try await other.close()
            let seen = try await Self.eventually {
                let now = try await server.account(forToken: "t1")
                switch change {
                case "disable": return now?.disabled == true
                case "revoke": return now == nil
                default: return now?.role == .manager
                }
            }
            #expect(seen)
        }
    }

    @Test("the server's own sign-out, touch and revocation hold for its very next lookup")
    func ownChanges() async throws {
        try await PostgresTestServer.withLedger { server, _ in
            try await server.addAccount(Account(name: "ana", role: .clerk, locations: ["downtown"], passwordHash: "x"))
            try await server.addToken(hash: "t1", user: "ana", created: 1)
            try await server.addSession(WebSession(idHash: "s1", user: "ana", csrfToken: "c", created: 1, lastSeen: 1))
            server.keepLookups()
            #expect(try await Self.listening(server))
            #expect(try await server.session(idHash: "s1")?.lastSeen == 1)
            try await server.touchSession(idHash: "s1", at: 70)
            #expect(try await server.session(idHash: "s1")?.lastSeen == 70)
            try await server.endSession(idHash: "s1")
            #expect(try await server.session(idHash: "s1") == nil)
            #expect(try await server.account(forToken: "t1") != nil)
            _ = try await server.removeTokens(of: "ana")
            #expect(try await server.account(forToken: "t1") == nil)
        }
    }
}
