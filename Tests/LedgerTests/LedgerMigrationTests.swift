import Foundation
import GRDB
import Testing
@testable import Ledger
import Pricing

@Suite("Upgrading a ledger written by an earlier spaquote")
struct LedgerMigrationTests {
    let card = try! RateCard.load(path: LedgerTests.root.appendingPathComponent("Examples/pricing.toml").path)

    func folder() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// A ledger file at schema version 1 holding one saved quote. With `renamed`, the table
    /// went through a rename and back, after which SQLite stores its definition as
    /// `CREATE TABLE "quote"` (as a repair with a copy of the table leaves it).
    func versionOneLedger(saving quote: inout Quote, renamed: Bool = false) throws -> String {
        let path = folder() + "/v1.sqlite"
        let queue = try DatabaseQueue(path: path)
        try LedgerSchema.migrator(path: path).migrate(queue, upTo: "v1")
        if renamed {
            try queue.write { db in
                try db.execute(sql: "ALTER TABLE quote RENAME TO quote_old; ALTER TABLE quote_old RENAME TO quote")
                let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'quote'") ?? ""
                #expect(sql.hasPrefix("CREATE TABLE \"quote\""))
            }
        }
        try queue.writeWithoutTransaction { db in
            try db.beginTransaction(.immediate)
            let writer = try LedgerWriter(db: db, path: path)
            #expect(try writer.save(&quote, source: "/data/a.csv", line: 2, rateCardHash: "h") == nil)
            try writer.commit()
        }
        try queue.close()
        return path
    }

    func insertOpcodes(_ db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "EXPLAIN INSERT INTO quote (id, status) VALUES (1, 'quoted')").map { $0["opcode"] as String }
    }

    @Test("a version 1 ledger keeps its quotes, its rules and its repeat check after the upgrade", arguments: [false, true])
    func upgradeKeepsQuotes(renamed: Bool) throws {
        let request = QuoteRequest(requestID: "R1", client: "Ana Ruiz", location: "downtown", tier: "senior",
                                   areas: ["face", "neck"], sessions: 3, addons: ["aftercare_kit"], promo: nil,
                                   quoteDate: LocalDate(iso: "2026-11-01"), status: .accepted,
                                   acceptedOn: LocalDate(iso: "2026-11-02"))
        var q = try QuoteEngine.quote(request, card: card, today: LocalDate(iso: "2026-11-01")!)
        let path = try versionOneLedger(saving: &q, renamed: renamed)
        let v1Plan = try DatabaseQueue(path: path).read { try insertOpcodes($0) }
        #expect(v1Plan.contains("OpenEphemeral"))   // the cost version 2 removes

        let ledger = try Ledger(path: path, create: false)
        #expect(try ledger.entry("Q-2026-000001").quote == q)
        let queue = try DatabaseQueue(path: path)
        try queue.read { db in
            #expect(try !insertOpcodes(db).contains("OpenEphemeral"))
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'quote'") ?? ""
            #expect(sql.contains(LedgerSchema.statusCheck) && !sql.contains("status IN ("))
            #expect(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") == ["v1", "v2"])
        }
        // The status rule still holds...
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE quote SET status = 'maybe'") }
        }
        try queue.close()
        // ... and so does the unique index that refuses repeats from the same file.
        var again = q
        let refusal = try ledger.save { try $0.save(&again, source: "/data/a.csv", line: 3, rateCardHash: "h") }
        #expect(refusal?.contains("already saved from this file as Q-2026-000001") == true)
    }

    @Test("a ledger whose quote table is not version 1's is refused, not rebuilt")
    func foreignTable() throws {
        let path = folder() + "/odd.sqlite"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
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
        #expect(throws: LedgerError.notALedger(path: path, reason: "its quote table is not the one spaquote writes")) {
            _ = try Ledger(path: path, create: false)
        }
        #expect(FileManager.default.contents(atPath: path) == before)
    }
}
