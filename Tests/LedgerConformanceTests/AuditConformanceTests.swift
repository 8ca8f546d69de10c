import Foundation
import GRDB
import Ledger
@testable import LedgerPostgres
@testable import LedgerSQLite
import Pricing
import PostgresNIO
import Testing

/// The audit trail: the behaviours every store keeps (``AuditStore``): events come back as
/// added, in id order, filtered and paged alike; and the trail is append-only in the
/// database itself, not only for lack of a method.
@Suite("Ledger stores keep the audit trail alike, append-only")
struct AuditConformanceTests {
    typealias F = ConformanceFixtures

    static let q1 = QuoteNumber(year: 2026, seq: 1), q2 = QuoteNumber(year: 2026, seq: 2)

    /// Events of every action and actor kind, with hostile text where text goes.
    static let events: [AuditEvent] = [
        AuditEvent(at: 1_000, action: .userAdded, actor: .commandLine("root"), detail: "added ana (manager, downtown)"),
        AuditEvent(at: 1_100, action: .signIn, actor: .user("ana"), address: "10.0.0.7"),
        AuditEvent(at: 1_150, action: .signInFailed, actor: .user("x' OR '1'='1"), address: "::1", detail: "wrong password"),
        AuditEvent(at: 1_200, action: .quoteSaved, actor: .user("ana"), address: "10.0.0.7", quote: q1, location: "downtown"),
        AuditEvent(at: 1_300, action: .linkOpened, actor: .clientLink, address: "203.0.113.9", quote: q1, location: "downtown"),
        AuditEvent(at: 1_400, action: .linkAccepted, actor: .clientLink, address: "203.0.113.9", quote: q1, location: "downtown",
                   detail: "Ana María O'Neil <script>alert(1)</script> 東京"),
        AuditEvent(at: 1_500, action: .quoteSaved, actor: .commandLine("bob"), quote: q2, location: "uptown"),
        AuditEvent(at: 1_600, action: .batchSaved, actor: .commandLine("bob"), detail: "saved 1000 quotes, 3 refused, 2 repeats"),
        AuditEvent(at: 1_700, action: .quoteDeclined, actor: .user("carl"), address: "10.0.0.8", quote: q2, location: "uptown"),
    ] + AuditAction.allCases.map { AuditEvent(at: 2_000, action: $0, actor: .user("dora"), detail: $0.rawValue) }

    /// A new store holding ``events``, with the ids it gave them.
    static func store(_ kind: StoreKind) async throws -> (any LedgerStore & AccountStore, [AuditEvent]) {
        let store = try await kind.makeAccountStore()
        var stored: [AuditEvent] = []
        for event in events.prefix(3) {
            var e = event
            e.id = try await store.appendAudit(event)
            stored.append(e)
        }
        try await store.appendAudit(Array(events.dropFirst(3)))
        let all = try await store.auditEvents(matching: .all, after: nil, limit: 1_000)
        #expect(all.count == events.count)
        #expect(Array(all.prefix(3)) == stored)
        return (store, all)
    }

    @Test("events come back as added, in id order, every field kept; one at a time or many at once", arguments: StoreKind.allCases)
    func appendAndList(kind: StoreKind) async throws {
        let (store, all) = try await Self.store(kind)
        #expect(all.map { e in var e = e; e.id = 0; return e } == Self.events)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.id < $1.id })
        let id = try await store.appendAudit(AuditEvent(at: 3_000, action: .signOut, actor: .user("ana")))
        #expect(id > all.last!.id)
        try await store.appendAudit([])
        #expect(try await store.auditEvents(matching: .all, after: all.last!.id, limit: 10).map(\.id) == [id])
        try await store.close()
    }

    @Test("filters by time, user and quote, together, and a manager's scope; pages with after and limit", arguments: StoreKind.allCases)
    func filters(kind: StoreKind) async throws {
        let (store, all) = try await Self.store(kind)
        func list(_ filter: AuditFilter) async throws -> [AuditEvent] { try await store.auditEvents(matching: filter, after: nil, limit: 1_000) }
        #expect(try await list(AuditFilter(since: 1_400)) == all.filter { $0.at >= 1_400 })
        #expect(try await list(AuditFilter(user: "ana")).map(\.action) == [.signIn, .quoteSaved])
        #expect(try await list(AuditFilter(user: "bob")).map(\.action) == [.quoteSaved, .batchSaved])   // the command line's OS user
        #expect(try await list(AuditFilter(user: "x' OR '1'='1")).count == 1)
        #expect(try await list(AuditFilter(user: "")).isEmpty)   // a client link has no user
        #expect(try await list(AuditFilter(quote: Self.q1)).map(\.action) == [.quoteSaved, .linkOpened, .linkAccepted])
        #expect(try await list(AuditFilter(since: 1_250, user: "bob", quote: Self.q2)).map(\.at) == [1_500])
        #expect(try await list(AuditFilter(quote: QuoteNumber(year: 2026, seq: 3))).isEmpty)
        // A manager of downtown who shares it with ana: downtown's quotes, and ana's own events.
        let downtown = try await list(AuditFilter(scope: AuditScope(locations: ["downtown"], users: ["ana"])))
        #expect(downtown.map(\.at) == [1_100, 1_200, 1_300, 1_400])
        #expect(try await list(AuditFilter(scope: AuditScope(locations: [], users: []))).isEmpty)
        #expect(try await list(AuditFilter(scope: AuditScope(locations: ["uptown"], users: ["bob"]))).map(\.at) == [1_500, 1_700],
                "bob is the command line's user here, not a front-desk user: his batch is not in a manager's scope")
        #expect(try await list(AuditFilter(scope: AuditScope(locations: ["' OR 1=1 --"], users: ["' OR 1=1 --"]))).isEmpty)
        // Pages of 4 over everything give everything once, in order.
        var pages: [AuditEvent] = [], after: Int64?
        while true {
            let page = try await store.auditEvents(matching: .all, after: after, limit: 4)
            if page.isEmpty { break }
            #expect(page.count <= 4)
            pages += page
            after = page.last!.id
        }
        #expect(pages == all)
        #expect(try await store.auditEvents(matching: .all, after: nil, limit: 0).isEmpty)
        try await store.close()
    }

    @Test("an UPDATE, DELETE (or TRUNCATE) of the trail in raw SQL on the store's own connection is refused; the events stay",
          arguments: StoreKind.allCases, ["UPDATE audit_event SET detail = 'forged'", "UPDATE audit_event SET actor_name = 'nobody' WHERE id = 1",
                                          "DELETE FROM audit_event", "DELETE FROM audit_event WHERE id = 1", "TRUNCATE audit_event"])
    func appendOnly(kind: StoreKind, sql: String) async throws {
        let (store, all) = try await Self.store(kind)
        let refused: Bool
        switch kind {
        case .sqliteMemory, .sqliteFile:
            guard !sql.hasPrefix("TRUNCATE") else { try await store.close(); return }   // SQLite has no TRUNCATE (DELETE covers it)
            let sqlite = try #require(store as? SQLiteStore)
            refused = await Self.fails { try await sqlite.queue.write { try $0.execute(sql: sql) } }
            if let path = Optional(sqlite.queue.path), kind == .sqliteFile {
                // Another connection to the file (another program) is refused as well.
                let other = try DatabaseQueue(path: path)
                #expect(await Self.fails { try await other.write { try $0.execute(sql: sql) } })
                try other.close()
            }
        case .postgres:
            let postgres = try #require(store as? PostgresStore)
            refused = await Self.fails { try await postgres.withConnection { c in try await c.execute(PostgresQuery(unsafeSQL: sql)) } }
        }
        #expect(refused, "\(sql) on \(kind)")
        #expect(try await store.auditEvents(matching: .all, after: nil, limit: 1_000) == all)
        try await store.close()
    }

    @Test("on PostgreSQL the role that migrated the ledger holds no UPDATE, DELETE or TRUNCATE privilege on the trail")
    func postgresPrivileges() async throws {
        let store = try #require(try await StoreKind.postgres.makeAccountStore() as? PostgresStore)
        let rows: [(String, Bool)] = try await store.withConnection { c in
            var rows: [(String, Bool)] = []
            for privilege in ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"] {
                let q = try await c.query(PostgresQuery(unsafeSQL: """
                    SELECT EXISTS (SELECT 1 FROM information_schema.role_table_grants
                    WHERE table_name = 'audit_event' AND grantee IN (current_user, 'PUBLIC') AND privilege_type = '\(privilege)')
                    """), logger: PostgresStore.logger)
                for try await granted in q.decode(Bool.self) { rows.append((privilege, granted)) }
            }
            return rows
        }
        #expect(rows.map(\.0) == ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"])
        #expect(rows.map(\.1) == [true, true, false, false, false])
        try await store.close()
    }

    @Test("a ledger of the version before the trail opens, is upgraded, keeps its quotes, links and accounts, and gains the trail",
          arguments: StoreKind.allCases)
    func upgrade(kind: StoreKind) async throws {
        let previous = try await kind.makePreviousVersion(saving: try F.variety(), before: .audit)
        #expect(try await previous.version() == previous.takenBackTo && previous.takenBackTo < previous.currentVersion)
        let store = try await previous.open()
        #expect(try await previous.version() == previous.currentVersion)
        #expect(try await F.entries(store).map(\.quote) == previous.saved)
        #expect(try await store.auditEvents(matching: .all, after: nil, limit: 10).isEmpty)
        let first = try #require(QuoteNumber(previous.saved[0].quoteID))
        let id = try await store.appendAudit(AuditEvent(at: 1, action: .quoteAccepted, actor: .commandLine("root"), quote: first, location: "downtown"))
        #expect(try await store.auditEvents(matching: AuditFilter(quote: first), after: nil, limit: 10).map(\.id) == [id])
        try await store.close()
    }

    static func fails(_ body: () async throws -> Void) async -> Bool {
        do { try await body(); return false } catch { return true }
    }
}
