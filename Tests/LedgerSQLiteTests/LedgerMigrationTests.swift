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
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name")
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
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") == ["v1", "v2", "v3"])
        }
        // The status rule still holds.
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE quote SET status = 'maybe'") }
        }
        try queue.close()
    }

    @Test("versions 1 and 2 become version 3: the unique index per file gives way to one over every requests file's rows, and a repeat is recognized from any file",
          arguments: ["v1", "v2"])
    func upgradeToRequestIndex(version: String) async throws {
        var q = try QuoteEngine.quote(acceptedRequest, card: card, today: LocalDate(iso: "2026-11-01")!)
        let path = try oldLedger(version, saving: &q)
        #expect(try await DatabaseQueue(path: path).read(indexes) == ["quote_source_request"])

        let ledger = try await SQLiteStore.open(path: path, create: false)
        #expect(LedgerFixtures.mark(path) == (LedgerSchema.applicationID, 3))
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
