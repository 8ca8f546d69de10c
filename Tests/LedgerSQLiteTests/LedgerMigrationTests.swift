import Foundation
import GRDB
import Ledger
@testable import LedgerSQLite
import Pricing
import Testing

@Suite("Upgrading a ledger written by an earlier spaquote")
struct LedgerMigrationTests {
    let card = LedgerFixtures.card

    /// A ledger file at schema version `version` holding one saved quote from the requests
    /// file `/data/a.csv`. With `renamed`, the table went through a rename and back, after
    /// which SQLite stores its definition as `CREATE TABLE "quote"` (as a repair with a copy
    /// of the table leaves it).
    func oldLedger(_ version: String, saving quote: inout Quote, renamed: Bool = false) throws -> String {
        let path = LedgerFixtures.folder() + "/\(version).sqlite"
        let queue = try DatabaseQueue(path: path)
        try LedgerSchema.migrator(ledger: path).migrate(queue, upTo: version)
        if renamed {
            try queue.write { db in
                try db.execute(sql: "ALTER TABLE quote RENAME TO quote_old; ALTER TABLE quote_old RENAME TO quote")
                let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'quote'") ?? ""
                #expect(sql.hasPrefix("CREATE TABLE \"quote\""))
            }
        }
        quote.quoteID = "Q-2026-000001"
        try LedgerFixtures.insert([QuoteRow(quote: quote, number: .q2026(1), source: "/data/a.csv", line: 2, rateCardHash: "h")],
                                  into: queue)
        try queue.close()
        return path
    }

    func insertOpcodes(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "EXPLAIN INSERT INTO quote (id, status) VALUES (1, 'quoted')").map { $0["opcode"] as String }
    }

    func indexes(_ db: Database) throws -> [String] {
        // The quote table's (version 4 adds others, on the account tables).
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'quote' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name")
    }

    var acceptedRequest: QuoteRequest {
        QuoteRequest(requestID: "R1", client: "Ana Ruiz", location: "downtown", tier: "senior", areas: ["face", "neck"],
                     sessions: 3, addons: ["aftercare_kit"], promo: nil, quoteDate: LocalDate(iso: "2026-11-01"),
                     status: .accepted, acceptedOn: LocalDate(iso: "2026-11-02"))
    }

    @Test("a version 1 ledger keeps its quotes and its rules after the upgrade", arguments: [false, true])
    func upgradeKeepsQuotes(renamed: Bool) async throws {
        var q = try QuoteEngine.quote(acceptedRequest, card: card, today: LocalDate(iso: "2026-11-01")!)
        let path = try oldLedger("v1", saving: &q, renamed: renamed)
        let v1Plan = try await DatabaseQueue(path: path).read { try insertOpcodes($0) }
        #expect(v1Plan.contains("OpenEphemeral"))   // the cost version 2 removes

        let ledger = try await SQLiteStore.open(path: path, create: false)
        #expect(try await ledger.entry(.q2026(1)).quote == q)
        try await ledger.close()
        let queue = try DatabaseQueue(path: path)
        try await queue.read { db in
            #expect(try !insertOpcodes(db).contains("OpenEphemeral"))
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'quote'") ?? ""
            #expect(sql.contains(LedgerSchema.statusCheck) && !sql.contains("status IN ("))
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") == ["v1", "v2", "v3", "v4", "v5", "v6"])
        }
        // The status rule still holds.
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE quote SET status = 'maybe'") }
        }
        try queue.close()
    }

    @Test("versions 1 and 2 are upgraded through version 3: the unique index per file gives way to one over every requests file's rows, and a repeat is recognized from any file",
          arguments: ["v1", "v2"])
    func upgradeToRequestIndex(version: String) async throws {
        var q = try QuoteEngine.quote(acceptedRequest, card: card, today: LocalDate(iso: "2026-11-01")!)
        let path = try oldLedger(version, saving: &q)
        #expect(try await DatabaseQueue(path: path).read(indexes) == ["quote_source_request"])

        let ledger = try await SQLiteStore.open(path: path, create: false)
        #expect(LedgerFixtures.mark(path) == (LedgerSchema.applicationID, 6))
        #expect(try await DatabaseQueue(path: path).read(indexes) == ["quote_request"])
        // Saved before from /data/a.csv; now from a file of another name on another machine.
        let again = try QuoteEngine.quote(acceptedRequest, card: card, today: LocalDate(iso: "2026-11-01")!)
        let outcomes = try await SaveSession.run(on: ledger) {
            try await $0.save([again], from: .requestsFile(name: "copy of a.csv"), lines: [7], rateCardHash: "h")
        }
        #expect(outcomes.map(\.refusal) == [
            "request_id 'R1': already saved as Q-2026-000001; not saved again (give the row a new request_id to save it as a new quote)",
        ])
        #expect(try await ledger.summary().quotes == 1)
        try await ledger.close()
    }

    @Test("an earlier ledger holding one request saved from two paths upgrades, and names the first quote as the repeat")
    func sameRequestFromTwoPaths() async throws {
        var q = try QuoteEngine.quote(acceptedRequest, card: card, today: LocalDate(iso: "2026-11-01")!)
        let path = try oldLedger("v2", saving: &q)
        let queue = try DatabaseQueue(path: path)
        var second = q
        second.quoteID = "Q-2026-000002"
        try LedgerFixtures.insert([QuoteRow(quote: second, number: .q2026(2), source: "/elsewhere/a.csv", line: 2, rateCardHash: "h")],
                                  into: queue)
        try queue.close()
        let ledger = try await SQLiteStore.open(path: path, create: false)
        let outcomes = try await SaveSession.run(on: ledger) {
            try await $0.save([q], from: .requestsFile(name: "a.csv"), lines: [2], rateCardHash: "h")
        }
        guard case let .repeated(requestID, savedAs)? = outcomes.first else {
            Issue.record("saved again: \(outcomes)")
            return
        }
        #expect(requestID == "R1" && savedAs == "Q-2026-000001")
        try await ledger.close()
    }

    func tables(_ path: String) async throws -> Set<String> {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return Set(try await queue.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_schema WHERE type = 'table'") })
    }

    @Test("a ledger of versions 1 to 5 opened to write becomes version 6: its quotes kept, the account, link and audit tables added and working",
          arguments: ["v1", "v2", "v3", "v4", "v5"])
    func upgradeToAccounts(version: String) async throws {
        var q = try QuoteEngine.quote(acceptedRequest, card: card, today: LocalDate(iso: "2026-11-01")!)
        let path = try oldLedger(version, saving: &q)
        #expect(try await tables(path) == LedgerSchema.tables(after: Array(LedgerSchema.migrations.prefix { $0 <= version })))

        let ledger = try await SQLiteStore.open(path: path, create: false)
        #expect(LedgerFixtures.mark(path) == (LedgerSchema.applicationID, 6))
        #expect(try await tables(path) == LedgerSchema.quoteTables.union(["account", "api_token", "web_session", "share_link", "client_contact",
                                                                            "audit_event", "sqlite_sequence"]))
        #expect(try await ledger.entry(.q2026(1)).quote == q)
        #expect(try await ledger.accounts().isEmpty)
        let admin = Account(name: "admin", role: .admin, passwordHash: "$2b$04$x")
        try await ledger.addAccount(admin)
        try await ledger.addToken(hash: "t", user: "admin", created: 1)
        #expect(try await ledger.account(forToken: "t") == admin)
        try await ledger.setShareLink(quote: .q2026(1), tokenHash: "l", created: 1)
        #expect(try await ledger.shareLink(tokenHash: "l")?.quote == .q2026(1))
        let event = AuditEvent(at: 5, action: .userAdded, actor: .commandLine("root"), detail: "admin")
        let id = try await ledger.appendAudit(event)
        #expect(try await ledger.auditEvents(matching: .all, after: nil, limit: 10) == [AuditEvent(id: id, at: 5, action: .userAdded, actor: .commandLine("root"), detail: "admin")])
        try await ledger.close()
        // Opened again: a ledger of this version, left as it is.
        let before = LedgerFixtures.snapshot((path as NSString).deletingLastPathComponent)
        try await SQLiteStore.open(path: path, create: false).close()
        #expect(LedgerFixtures.snapshot((path as NSString).deletingLastPathComponent) == before)
    }

    @Test("a version 3 or 4 ledger opened to read is read as it is: its quotes, no account, token, session, link or contact, changes refused, the file unchanged",
          arguments: ["v3", "v4"])
    func readVersion3(version: String) async throws {
        var q = try QuoteEngine.quote(acceptedRequest, card: card, today: LocalDate(iso: "2026-11-01")!)
        let path = try oldLedger(version, saving: &q)
        let folder = (path as NSString).deletingLastPathComponent
        let before = LedgerFixtures.snapshot(folder)
        let reader = try await SQLiteStore.open(path: path, create: false, access: .read)
        #expect(try await reader.entry(.q2026(1)).quote == q)
        #expect(try await reader.accounts().isEmpty)
        #expect(try await reader.account(named: "admin") == nil)
        #expect(try await reader.account(forToken: "t") == nil)
        #expect(try await reader.session(idHash: "s") == nil)
        #expect(try await reader.shareLink(quote: .q2026(1)) == nil)
        #expect(try await reader.shareLink(tokenHash: "l") == nil)
        #expect(try await reader.clientContact(quote: .q2026(1)) == nil)
        let refused = LedgerError.database(ledger: path, reason: "the ledger was opened to read, not to write")
        await #expect(throws: refused) { try await reader.addAccount(Account(name: "a", role: .clerk, passwordHash: "h")) }
        await #expect(throws: refused) { try await reader.endSessions(lastSeenBefore: 10) }
        await #expect(throws: refused) { try await reader.setShareLink(quote: .q2026(1), tokenHash: "l", created: 1) }
        await #expect(throws: refused) { try await reader.setClientContact("x", quote: .q2026(1)) }
        try await reader.close()
        #expect(LedgerFixtures.snapshot(folder) == before)
    }

    @Test("a ledger whose tables do not match its migrations is refused, untouched", arguments: [
        "CREATE TABLE account (name TEXT); CREATE TABLE api_token (hash TEXT); CREATE TABLE web_session (id_hash TEXT)",
                                                                             // version 3 with version 4's table names
        "DELETE FROM grdb_migrations WHERE identifier = 'v4'",               // version 4's tables, version 3's migrations
        "DELETE FROM grdb_migrations WHERE identifier = 'v5'",               // version 5's tables, version 4's migrations
        "DELETE FROM grdb_migrations WHERE identifier = 'v6'",               // version 6's tables, version 5's migrations
    ])
    func tablesAgainstMigrations(sql: String) async throws {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        if sql.hasPrefix("CREATE") {
            var q = try QuoteEngine.quote(acceptedRequest, card: card, today: LocalDate(iso: "2026-11-01")!)
            try FileManager.default.moveItem(atPath: try oldLedger("v3", saving: &q), toPath: path)
        } else {
            try await LedgerFixtures.ledger(at: path, quotes: 1)
        }
        try LedgerFixtures.sqlite(path, sql)
        let before = LedgerFixtures.snapshot(folder)
        for access in [SQLiteStore.Access.read, .write] {
            await #expect { _ = try await SQLiteStore.open(path: path, create: false, access: access) } throws: { error in
                switch error as? LedgerError {
                case let .damaged(_, reason)?, let .notALedger(_, reason)?: reason.contains("its tables are not those of its schema version")
                default: false
                }
            }
        }
        #expect(LedgerFixtures.snapshot(folder) == before)
    }

    @Test("a ledger whose quote table is not version 1's is refused, not rebuilt")
    func foreignTable() async throws {
        let path = LedgerFixtures.folder() + "/odd.sqlite"
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1');
                CREATE TABLE quote_source (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE);
                CREATE TABLE quote (id INTEGER PRIMARY KEY, status TEXT);
                """)
        }
        try queue.close()
        let before = FileManager.default.contents(atPath: path)
        // Recognized before any migration runs: refused as not a ledger, and left as it was.
        await #expect(throws: LedgerError.notALedger(ledger: path, reason: "its quote table is not the one spaquote writes")) {
            _ = try await SQLiteStore.open(path: path, create: false)
        }
        #expect(FileManager.default.contents(atPath: path) == before)
    }
}
