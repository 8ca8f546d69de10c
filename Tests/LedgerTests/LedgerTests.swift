import Foundation
import GRDB
import Testing
@testable import Ledger
import Pricing

@Suite("The ledger of saved quotes")
struct LedgerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let card = try! RateCard.load(path: LedgerTests.root.appendingPathComponent("Examples/pricing.toml").path)

    func folder() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    func quote(_ id: String, quoted: String = "2026-11-01", status: QuoteStatus = .quoted, accepted: String? = nil,
               addons: [String] = ["aftercare_kit", "growth_serum"], promo: String? = "NEWCLIENT50") throws -> Quote {
        let r = QuoteRequest(requestID: id, client: "Ana Ruiz", location: "downtown", tier: "senior", areas: ["face", "neck"],
                             sessions: 3, addons: addons, promo: promo, quoteDate: LocalDate(iso: quoted),
                             status: status, acceptedOn: accepted.flatMap { LocalDate(iso: $0) })
        return try QuoteEngine.quote(r, card: card, today: LocalDate(iso: quoted)!)
    }

    @Test("a saved quote reads back with every figure, its schedule, installments and add-ons")
    func roundTrip() throws {
        let ledger = try Ledger(path: folder() + "/l.sqlite", create: true)
        var q = try quote("R1")
        let original = q
        let refusal = try ledger.save { try $0.save(&q, source: "/data/requests.csv", line: 2, rateCardHash: card.contentHash) }
        #expect(refusal == nil)
        #expect(q.quoteID == "Q-2026-000001")
        let entry = try ledger.entry("Q-2026-000001")
        var expected = original
        expected.quoteID = "Q-2026-000001"
        #expect(entry.quote == expected)
        #expect(entry.source == "/data/requests.csv" && entry.line == 2 && entry.rateCardHash == card.contentHash)
    }

    @Test("quote ids count up per year of the quote date")
    func ids() throws {
        let ledger = try Ledger(path: folder() + "/l.sqlite", create: true)
        var ids: [String] = []
        try ledger.save { w in
            for (i, date) in ["2026-11-01", "2026-12-01", "2027-01-05", "2026-12-02"].enumerated() {
                var q = try quote("R\(i)", quoted: date, promo: nil)
                _ = try w.save(&q, source: "a.csv", line: i + 2, rateCardHash: "h")
                ids.append(q.quoteID)
            }
        }
        var later = try quote("R9", quoted: "2026-11-03")
        _ = try ledger.save { try $0.save(&later, source: LedgerWriter.commandLineSource, line: nil, rateCardHash: "h") }
        #expect(ids == ["Q-2026-000001", "Q-2026-000002", "Q-2027-000001", "Q-2026-000003"])
        #expect(later.quoteID == "Q-2026-000004")
    }

    @Test("a request id already saved from the same file is refused; from another file or the command line it is not")
    func duplicates() throws {
        let ledger = try Ledger(path: folder() + "/l.sqlite", create: true)
        var a = try quote("R1"), b = try quote("R1"), c = try quote("R1"), d = try quote("walk-in"), e = try quote("walk-in")
        let results = try ledger.save { w in
            [try w.save(&a, source: "/x/a.csv", line: 2, rateCardHash: "h"),
             try w.save(&b, source: "/x/a.csv", line: 3, rateCardHash: "h"),
             try w.save(&c, source: "/x/b.csv", line: 2, rateCardHash: "h"),
             try w.save(&d, source: LedgerWriter.commandLineSource, line: nil, rateCardHash: "h"),
             try w.save(&e, source: LedgerWriter.commandLineSource, line: nil, rateCardHash: "h")]
        }
        #expect(results[0] == nil && results[2] == nil && results[3] == nil && results[4] == nil)
        #expect(results[1]?.contains("already saved from this file as Q-2026-000001") == true)
        var count = 0
        try ledger.forEachEntry { _ in count += 1 }
        #expect(count == 4)
    }

    @Test("an error inside a save keeps nothing of it")
    func allOrNothing() throws {
        let ledger = try Ledger(path: folder() + "/l.sqlite", create: true)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try ledger.save { w in
                var q = try quote("R1")
                _ = try w.save(&q, source: "a.csv", line: 2, rateCardHash: "h")
                throw Stop()
            }
        }
        var count = 0
        try ledger.forEachEntry { _ in count += 1 }
        #expect(count == 0)
    }

    @Test("accepting checks the status, the quote date and the validity (unless forced)")
    func accept() throws {
        let ledger = try Ledger(path: folder() + "/l.sqlite", create: true)
        var q1 = try quote("R1"), q2 = try quote("R2")
        try ledger.save { w in
            _ = try w.save(&q1, source: "a.csv", line: 2, rateCardHash: "h")
            _ = try w.save(&q2, source: "a.csv", line: 3, rateCardHash: "h")
        }
        let day = { (s: String) in LocalDate(iso: s)! }
        #expect(throws: LedgerError.statusChange(quoteID: q1.quoteID, reason: "was valid until 2026-12-01; re-quote the client, or add --force to accept it on 2026-12-02 all the same")) {
            try ledger.accept(q1.quoteID, on: day("2026-12-02"))
        }
        #expect(throws: LedgerError.self) { try ledger.accept(q1.quoteID, on: day("2026-10-31")) }
        try ledger.accept(q1.quoteID, on: day("2026-12-01"))
        #expect(try ledger.entry(q1.quoteID).quote.request.acceptedOn == day("2026-12-01"))
        #expect(throws: LedgerError.self) { try ledger.accept(q1.quoteID, on: day("2026-12-01")) }
        #expect(throws: LedgerError.self) { try ledger.decline(q1.quoteID) }
        try ledger.decline(q2.quoteID)
        #expect(throws: LedgerError.self) { try ledger.accept(q2.quoteID, on: day("2026-11-05")) }
        try ledger.accept(q2.quoteID, on: day("2026-12-20"), force: true)
        #expect(try ledger.entry(q2.quoteID).quote.request.status == .accepted)
        #expect(throws: LedgerError.notFound(path: ledger.path, quoteID: "Q-2026-999999")) { try ledger.decline("Q-2026-999999") }
    }

    @Test("list filters by month and status")
    func listFilters() throws {
        let ledger = try Ledger(path: folder() + "/l.sqlite", create: true)
        try ledger.save { w in
            for (i, (date, status)) in [("2026-11-01", QuoteStatus.quoted), ("2026-11-20", .declined), ("2026-12-03", .quoted)].enumerated() {
                var q = try quote("R\(i)", quoted: date, status: status)
                _ = try w.save(&q, source: "a.csv", line: i + 2, rateCardHash: "h")
            }
        }
        var november: [String] = [], quoted: [String] = []
        try ledger.forEachEntry(month: YearMonth(iso: "2026-11")) { november.append($0.quote.request.requestID) }
        try ledger.forEachEntry(status: .quoted) { quoted.append($0.quote.request.requestID) }
        #expect(november == ["R0", "R1"] && quoted == ["R0", "R2"])
    }

    @Test("revenue records carry value, add-on split and session dates")
    func revenueRecords() throws {
        let ledger = try Ledger(path: folder() + "/l.sqlite", create: true)
        var q = try quote("R1", status: .accepted, accepted: "2026-11-02")
        try ledger.save { w in _ = try w.save(&q, source: "a.csv", line: 2, rateCardHash: "h") }
        var records: [RevenueRecord] = []
        try ledger.forEachRevenueRecord { records.append($0) }
        #expect(records == [RevenueRecord(quote: q)])
        #expect(records[0].addonsPerSession == Money(cents: 13_500) && records[0].addonsPerPackage == Money(cents: 8_995))
    }

    @Test("a ledger written by a newer schema is refused and left untouched")
    func newerSchema() throws {
        let path = folder() + "/l.sqlite"
        _ = try Ledger(path: path, create: true)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try queue.close()
        let before = FileManager.default.contents(atPath: path)
        #expect(throws: LedgerError.newerSchema(path: path)) { _ = try Ledger(path: path, create: true) }
        #expect(FileManager.default.contents(atPath: path) == before)
    }

    @Test("a ledger locked by another writer gives a clear message instead of hanging")
    func locked() throws {
        let path = folder() + "/l.sqlite"
        let ledger = try Ledger(path: path, create: true, busyTimeout: 0.2)
        let other = try DatabaseQueue(path: path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            #expect(throws: LedgerError.locked(path: path)) {
                try ledger.save { w in
                    var q = try quote("R1")
                    _ = try w.save(&q, source: "a.csv", line: 2, rateCardHash: "h")
                }
            }
            try db.execute(sql: "ROLLBACK")
        }
    }

    @Test("a missing ledger is not created by a read, and a file that is not SQLite is refused")
    func badFiles() throws {
        let dir = folder()
        #expect(throws: LedgerError.self) { _ = try Ledger(path: dir + "/none.sqlite", create: false) }
        #expect(!FileManager.default.fileExists(atPath: dir + "/none.sqlite"))
        try "hello, not a database\n".write(toFile: dir + "/text.sqlite", atomically: true, encoding: .utf8)
        #expect(throws: LedgerError.self) { _ = try Ledger(path: dir + "/text.sqlite", create: true) }
    }
}
