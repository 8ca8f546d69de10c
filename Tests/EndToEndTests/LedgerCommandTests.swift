import Foundation
import Testing

@Suite("Ledger and monthly revenue, end to end")
struct LedgerCommandTests {
    func saveExamples(ledger: String) throws -> Binary.Result {
        try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                        "--output", (ledger as NSString).deletingLastPathComponent + "/saved.csv", "--save"],
                       environment: ["SPAQUOTE_LEDGER": ledger])
    }

    @Test("the example batch saved to an empty ledger gives the expected monthly rows")
    func monthlyMatchesExample() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        let saved = try saveExamples(ledger: ledger)
        #expect(saved.status == 0, "\(saved.stderr)")
        let ids = SimpleCSV.records(file: folder + "/saved.csv").map { $0["quote_id"]! }
        #expect(ids == (1...5).map { "Q-2026-00000\($0)" })
        let r = try Binary.run(["report", "monthly", "--from", "2026-11", "--to", "2027-05", "--output", folder + "/m.csv", "--ledger", ledger])
        #expect(r.status == 0, "\(r.stderr)")
        let got = try String(contentsOfFile: folder + "/m.csv", encoding: .utf8)
        let want = try String(contentsOfFile: Binary.example("expected-monthly-2026-11-to-2027-05.csv"), encoding: .utf8)
        #expect(got == want)
    }

    @Test("saving the same file twice refuses its rows the second time, naming the quotes they were saved as, and keeps the ledger as it was")
    func saveTwice() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        _ = try saveExamples(ledger: ledger)
        let again = try saveExamples(ledger: ledger)
        #expect(again.status == 3)
        let rejects = SimpleCSV.records(file: folder + "/saved.rejects.csv")
        #expect(rejects.count == 5)
        for (i, r) in rejects.enumerated() { #expect(r["error"]!.contains("already saved as Q-2026-00000\(i + 1)"), "\(r)") }
        let list = try Binary.run(["ledger", "list", "--ledger", ledger])
        #expect(list.stderr.contains("5 quotes"))
    }

    @Test("quote --save, accept and decline from the command line")
    func statusCommands() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        let base = ["quote", "--pricing", Binary.example("pricing.toml"), "--location", "downtown", "--tier", "senior",
                    "--areas", "face", "--sessions", "3", "--date", "2026-11-01", "--save", "--ledger", ledger]
        let first = try Binary.run(base + ["--format", "json"])
        #expect(first.status == 0 && first.stdout.contains("\"quote_id\": \"Q-2026-000001\""))
        _ = try Binary.run(base)
        #expect(try Binary.run(["ledger", "accept", "Q-2026-000001", "--on", "2026-12-05", "--ledger", ledger]).status == 1)
        #expect(try Binary.run(["ledger", "accept", "Q-2026-000001", "--on", "2026-11-10", "--ledger", ledger]).status == 0)
        #expect(try Binary.run(["ledger", "decline", "Q-2026-000002", "--ledger", ledger]).status == 0)
        let accepted = try Binary.run(["ledger", "list", "--status", "accepted", "--ledger", ledger])
        #expect(accepted.stdout.contains("Q-2026-000001") && !accepted.stdout.contains("Q-2026-000002"))
        let show = try Binary.run(["ledger", "show", "Q-2026-000002", "--ledger", ledger])
        #expect(show.stdout.contains("Status: declined"))
        let missing = try Binary.run(["ledger", "show", "Q-2026-000099", "--ledger", ledger])
        #expect(missing.status == 1 && missing.stderr.contains("no quote 'Q-2026-000099'"))
    }

    @Test("killing batch --save midway leaves the ledger exactly as it was")
    func killMidway() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        _ = try saveExamples(ledger: ledger)
        let before = try Binary.run(["ledger", "list", "--ledger", ledger]).stdout
        var generator = RequestGenerator(seed: 11)
        try generator.csv(rows: 200_000).write(toFile: folder + "/big.csv", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.path)
        p.arguments = ["batch", "--pricing", Binary.example("pricing.toml"), folder + "/big.csv", "--output", folder + "/big-out.csv",
                       "--save", "--ledger", ledger, "--date", "2026-11-01"]
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until the batch is writing inside its transaction (the journal exists), then kill it.
        var waited = 0
        while waited < 400, !FileManager.default.fileExists(atPath: ledger + "-journal") { Thread.sleep(forTimeInterval: 0.02); waited += 1 }
        Thread.sleep(forTimeInterval: 0.5)
        #expect(p.isRunning, "the batch finished before it could be killed")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        let after = try Binary.run(["ledger", "list", "--ledger", ledger])
        #expect(after.status == 0)
        #expect(after.stdout == before)
        #expect(!FileManager.default.fileExists(atPath: folder + "/big-out.csv"))
    }
}

@Suite("The monthly workbook in LibreOffice", .enabled(if: LibreOffice.required))
struct MonthlyWorkbookTests {
    /// Pixels of exactly `rgb` in a binary PPM (P6) image.
    func pixels(_ ppm: Data, rgb: UInt32) -> Int {
        let bytes = [UInt8](ppm)
        var fields: [String] = [], i = 0
        while fields.count < 4 {   // P6, width, height, maxval
            while bytes[i] == 0x20 || bytes[i] == 0x0A { i += 1 }
            var s = ""
            while bytes[i] != 0x20 && bytes[i] != 0x0A { s.append(Character(UnicodeScalar(bytes[i]))); i += 1 }
            fields.append(s)
        }
        i += 1
        let r = UInt8(rgb >> 16), g = UInt8((rgb >> 8) & 0xFF), b = UInt8(rgb & 0xFF)
        var count = 0
        while i + 2 < bytes.count {
            if bytes[i] == r && bytes[i + 1] == g && bytes[i + 2] == b { count += 1 }
            i += 3
        }
        return count
    }

    @Test("the Summary sheet's chart is drawn in the PDF export")
    func chartDrawn() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        _ = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                            "--output", folder + "/saved.csv", "--save", "--ledger", ledger])
        let r = try Binary.run(["report", "monthly", "--from", "2026-11", "--to", "2027-05", "--output", folder + "/m.xlsx", "--ledger", ledger])
        #expect(r.status == 0, "\(r.stderr)")
        try LibreOffice.convert(folder + "/m.xlsx", to: "pdf", in: folder)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftoppm")
        p.arguments = ["-r", "50", "-f", "1", "-l", "1", folder + "/m.pdf", folder + "/page"]
        try p.run()
        p.waitUntilExit()
        let page = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("page") && $0.hasSuffix(".ppm") })
        let image = try #require(FileManager.default.contents(atPath: folder + "/" + page))
        #expect(pixels(image, rgb: 0x2E75B6) > 200, "booked revenue bars")
        #expect(pixels(image, rgb: 0xF4B183) > 200, "recognized revenue bars")
    }
}
