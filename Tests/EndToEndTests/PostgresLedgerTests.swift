import Foundation
import Testing

/// The ledger in PostgreSQL, end to end: runs when `$SPAQUOTE_TEST_POSTGRES_URL` names a
/// server (``TestPostgres``).
@Suite("A PostgreSQL ledger, end to end", .enabled(if: TestPostgres.available), .serialized)
struct PostgresLedgerTests {
    func batch(_ requests: String, output: String, ledger: String, extra: [String] = []) throws -> Binary.Result {
        try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), requests, "--output", output, "--save",
                        "--ledger", ledger] + extra)
    }

    @Test("the example batch saved into PostgreSQL gives the expected monthly CSV byte for byte")
    func exampleMonthly() throws {
        let folder = Binary.temporaryFolder()
        let db = try TestPostgres.createDatabase()
        defer { try? FileManager.default.removeItem(atPath: folder); TestPostgres.drop(db.name) }
        let saved = try batch(Binary.example("requests.csv"), output: folder + "/saved.csv", ledger: db.url)
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(SimpleCSV.records(file: folder + "/saved.csv").map { $0["quote_id"]! } == (1...5).map { "Q-2026-00000\($0)" })
        let r = try Binary.run(["report", "monthly", "--from", "2026-11", "--to", "2027-05", "--output", folder + "/m.csv", "--ledger", db.url])
        #expect(r.status == 0, "\(r.stderr)")
        let got = try Data(contentsOf: URL(fileURLWithPath: folder + "/m.csv"))
        let want = try Data(contentsOf: URL(fileURLWithPath: Binary.example("expected-monthly-2026-11-to-2027-05.csv")))
        #expect(got == want)
        // The same requests again, under another name: every row refused as a repeat.
        try FileManager.default.copyItem(atPath: Binary.example("requests.csv"), toPath: folder + "/again.csv")
        let again = try batch(folder + "/again.csv", output: folder + "/again-out.csv", ledger: db.url)
        #expect(again.status == 3)
        #expect(SimpleCSV.records(file: folder + "/again-out.rejects.csv").allSatisfy { $0["error"]!.contains("already saved as") })
    }

    @Test("ledger copy SQLite -> PostgreSQL -> SQLite: the same list, monthly report and quote; a non-empty target refused")
    func copyRoundTrip() throws {
        let folder = Binary.temporaryFolder()
        let db = try TestPostgres.createDatabase()
        defer { try? FileManager.default.removeItem(atPath: folder); TestPostgres.drop(db.name) }
        let a = folder + "/a.sqlite", c = folder + "/c.sqlite"
        try LedgerCopyTests.fill(a, in: folder)
        let original = try LedgerCopyTests.views(a, in: folder)
        let into = try Binary.run(["ledger", "copy", a, db.url])
        #expect(into.status == 0, "\(into.stderr)")
        #expect(try LedgerCopyTests.views(db.url, in: folder) == original)
        let back = try Binary.run(["ledger", "copy", db.url, c])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try LedgerCopyTests.views(c, in: folder) == original)
        let refused = try Binary.run(["ledger", "copy", a, db.url])
        #expect(refused.status == 1 && refused.stderr.contains("already holds"), "\(refused.stderr)")
        #expect(try LedgerCopyTests.views(db.url, in: folder) == original)
    }

    @Test("four processes saving 25,000-row batches into one PostgreSQL ledger at once: every quote once, ids of the year consecutive")
    func concurrentSavers() throws {
        let folder = Binary.temporaryFolder()
        let db = try TestPostgres.createDatabase()
        defer { try? FileManager.default.removeItem(atPath: folder); TestPostgres.drop(db.name) }
        // Create the ledger first, so that the four do not race to make its tables.
        #expect(try batch(Binary.example("requests.csv"), output: folder + "/first.csv", ledger: db.url).status == 0)
        var processes: [Process] = []
        for n in 0..<4 {
            var generator = RequestGenerator(seed: UInt64(100 + n))
            let text = generator.csv(rows: 25_000).replacingOccurrences(of: "\nG", with: "\nP\(n)-")
            try text.write(toFile: folder + "/r\(n).csv", atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Binary.path)
            p.arguments = ["batch", "--pricing", Binary.example("pricing.toml"), folder + "/r\(n).csv", "--output", folder + "/q\(n).csv",
                           "--save", "--ledger", db.url, "--date", "2026-11-01"]
            p.standardError = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            processes.append(p)
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 3 }, "\(processes.map(\.terminationStatus))")
        var written: [String] = SimpleCSV.records(file: folder + "/first.csv").map { $0["quote_id"]! }
        for n in 0..<4 { written += SimpleCSV.records(file: folder + "/q\(n).csv").map { $0["quote_id"]! } }
        #expect(written.count > 4 * 4_000, "the generated rows are partly rejected, mostly quoted")
        #expect(Set(written).count == written.count, "no id given twice")
        let list = try Binary.run(["ledger", "list", "--ledger", db.url])
        #expect(list.status == 0)
        let listed = list.stdout.split(separator: "\n").map { String($0.prefix { $0 != " " }) }.filter { $0.hasPrefix("Q-") }
        #expect(listed.count == written.count, "every quote written is saved, once")
        let differ = Set(listed).symmetricDifference(written)
        #expect(differ.isEmpty, "listed but not written, or written but not listed: \(differ.sorted().prefix(10))")
        let consecutive = (1...max(1, listed.count)).map { "Q-2026-" + String(format: "%06d", $0) }
        let firstDifference = zip(listed, consecutive).first { $0 != $1 }.map { "\($0) for \($1)" } ?? "none"
        #expect(listed == consecutive, "ids of the year consecutive from 1; first difference: \(firstDifference)")
    }

    @Test("SIGKILL during a PostgreSQL batch save keeps nothing of that batch; the ledger takes the next save")
    func killMidway() throws {
        let folder = Binary.temporaryFolder()
        let db = try TestPostgres.createDatabase()
        defer { try? FileManager.default.removeItem(atPath: folder); TestPostgres.drop(db.name) }
        #expect(try batch(Binary.example("requests.csv"), output: folder + "/first.csv", ledger: db.url).status == 0)
        let before = try Binary.run(["ledger", "list", "--ledger", db.url]).stdout
        var generator = RequestGenerator(seed: 12)
        try generator.csv(rows: 200_000).write(toFile: folder + "/big.csv", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.path)
        p.arguments = ["batch", "--pricing", Binary.example("pricing.toml"), folder + "/big.csv", "--output", folder + "/big-out.csv",
                       "--save", "--ledger", db.url, "--date", "2026-11-01"]
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until the batch has sent rows inside its transaction (the server shows the
        // session in a transaction that has written), then kill it.
        var waited = 0
        while waited < 600, (try? TestPostgres.sql(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(db.name)' AND backend_xid IS NOT NULL"))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "0" == "0" {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 1
        }
        Thread.sleep(forTimeInterval: 0.3)
        #expect(p.isRunning, "the batch finished before it could be killed")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        let after = try Binary.run(["ledger", "list", "--ledger", db.url])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout == before)
        #expect(!FileManager.default.fileExists(atPath: folder + "/big-out.csv"))
        // The server ended the killed session and its lock: the next save numbers on.
        try Self.oneRow.write(toFile: folder + "/one.csv", atomically: true, encoding: .utf8)
        let next = try batch(folder + "/one.csv", output: folder + "/one-out.csv", ledger: db.url)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(SimpleCSV.records(file: folder + "/one-out.csv").map { $0["quote_id"]! } == ["Q-2026-000006"])
    }

    static let oneRow = "request_id,location,tier,areas,sessions,quote_date\nONE,downtown,senior,face,3,2026-11-10\n"
}
