import Foundation
import GRDB
import Ledger
@testable import LedgerSQLite
import Testing

/// The per-request lookups a server keeps (token, session, account) answer as the ledger
/// is now, whichever process changed it: two stores over one file stand for `serve` and
/// the command line.
@Suite("The SQLite store's kept lookups never answer with a ledger that has changed")
struct LookupCacheTests {
    static func pair() async throws -> (server: SQLiteStore, other: SQLiteStore) {
        let path = LedgerFixtures.folder() + "/l.sqlite"
        let server = try await SQLiteStore.open(path: path, create: true)
        let other = try await SQLiteStore.open(path: path, create: false)
        try await server.addAccount(Account(name: "ana", role: .clerk, locations: ["downtown"], passwordHash: "x"))
        try await server.addToken(hash: "t1", user: "ana", created: 1)
        try await server.addSession(WebSession(idHash: "s1", user: "ana", csrfToken: "c", created: 1, lastSeen: 1))
        return (server, other)
    }

    @Test("a token's account, once looked up, follows a change made by another connection at the next lookup",
          arguments: ["disable", "revoke", "role"])
    func token(_ change: String) async throws {
        let (server, other) = try await Self.pair()
        for _ in 0..<3 { #expect(try await server.account(forToken: "t1")?.disabled == false) }
        var ana = try #require(try await other.account(named: "ana"))
        switch change {
        case "disable": ana.disabled = true; try await other.updateAccount(ana)
        case "revoke": _ = try await other.removeTokens(of: "ana")
        default: ana.role = .manager; try await other.updateAccount(ana)
        }
        let now = try await server.account(forToken: "t1")
        switch change {
        case "disable": #expect(now?.disabled == true)
        case "revoke": #expect(now == nil)
        default: #expect(now?.role == .manager)
        }
        #expect(try await server.account(named: "ana") == ana)
        try await server.close(); try await other.close()
    }

    @Test("a session, once looked up, is gone at the next lookup after another connection ends it, and shows its new last use")
    func session() async throws {
        let (server, other) = try await Self.pair()
        #expect(try await server.session(idHash: "s1")?.lastSeen == 1)
        try await other.touchSession(idHash: "s1", at: 99)
        #expect(try await server.session(idHash: "s1")?.lastSeen == 99)
        try await other.endSessions(of: "ana")
        #expect(try await server.session(idHash: "s1") == nil)
        try await server.close(); try await other.close()
    }

    @Test("the change counter moves at every commit, from any connection, and not on a read")
    func counter() async throws {
        let (server, other) = try await Self.pair()
        let counter = try #require(server.changeCounter)
        let before = try #require(counter.value())
        _ = try await server.account(forToken: "t1")
        #expect(counter.value() == before)
        try await other.touchSession(idHash: "s1", at: 5)
        let after = try #require(counter.value())
        #expect(after != before)
        try await server.touchSession(idHash: "s1", at: 6)
        #expect(counter.value() != after)
        try await server.close(); try await other.close()
    }

    @Test("a ledger in memory keeps nothing (no file to watch) and still answers as it is")
    func inMemory() async throws {
        let store = try await SQLiteStore.inMemory()
        #expect(store.changeCounter == nil)
        try await store.addAccount(Account(name: "ana", role: .clerk, locations: ["downtown"], passwordHash: "x"))
        try await store.addToken(hash: "t1", user: "ana", created: 1)
        #expect(try await store.account(forToken: "t1")?.name == "ana")
        _ = try await store.removeTokens(of: "ana")
        #expect(try await store.account(forToken: "t1") == nil)
        try await store.close()
    }
}
