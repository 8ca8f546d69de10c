import Foundation
import Testing

@Suite("spaquote batch, end to end")
struct BatchCommandTests {
    @Test("100,000 mixed requests: every row is quoted or rejected, and sampled quotes equal spaquote quote")
    func hundredThousand() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var generator = RequestGenerator(seed: 42)
        let input = generator.csv(rows: 100_000)
        try input.write(toFile: folder + "/requests.csv", atomically: true, encoding: .utf8)
        let result = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), folder + "/requests.csv",
                                     "--output", folder + "/quotes.csv", "--date", "2026-11-01"])
        #expect(result.status == 3, "\(result.stderr)")
        let quotes = SimpleCSV.records(file: folder + "/quotes.csv")
        let rejects = SimpleCSV.records(file: folder + "/quotes.rejects.csv")
        #expect(quotes.count + rejects.count == 100_000)
        #expect(quotes.count > 10_000 && rejects.count > 10_000)
        #expect(result.stderr.contains("100000 rows: \(quotes.count) quoted"))
        // Input order and line numbers: ids G0... in order across the two files.
        let quotedIDs = quotes.map { Int($0["request_id"]!.dropFirst())! }
        let rejectedIDs = rejects.map { Int($0["request_id"]!.dropFirst())! }
        #expect(quotedIDs == quotedIDs.sorted() && rejectedIDs == rejectedIDs.sorted())
        #expect(Set(quotedIDs).union(rejectedIDs) == Set(0..<100_000))
        #expect(rejects.allSatisfy { Int($0["line"]!)! == Int($0["request_id"]!.dropFirst())! + 2 && !$0["error"]!.isEmpty })
        // Hostile client names are neutralized.
        #expect(quotes.filter { $0["client"]!.contains("cmd()") }.allSatisfy { $0["client"] == "'=cmd()" })
        // A sample matches the single-quote command field for field.
        let requests = SimpleCSV.records(input)
        for index in stride(from: 0, to: quotes.count, by: quotes.count / 12) {
            let q = quotes[index]
            let request = requests[Int(q["request_id"]!.dropFirst())!]
            let single = try Binary.run(QuoteCommandTests.arguments(request) + ["--format", "json"])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
            for column in ["total", "tax", "treatment_net", "deposit", "balance", "first_session", "last_session", "promo_discount", "series_discount"] {
                #expect(json[column] as? String == q[column], "\(q["request_id"]!) \(column)")
            }
        }
    }

    @Test("the same input gives byte-identical CSV and XLSX outputs")
    func deterministic() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for run in 1...2 {
            for ext in ["csv", "xlsx"] {
                let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                                        "--output", "\(folder)/run\(run).\(ext)", "--date", "2026-11-01"])
                #expect(r.status == 0, "\(r.stderr)")
            }
            if run == 1 { Thread.sleep(forTimeInterval: 1.1) }
        }
        for ext in ["csv", "xlsx"] {
            let a = FileManager.default.contents(atPath: "\(folder)/run1.\(ext)")
            #expect(a != nil && a == FileManager.default.contents(atPath: "\(folder)/run2.\(ext)"), "\(ext) differs")
        }
    }

    @Test("a requests file that is not CSV fails naming the line, and writes nothing")
    func unreadable() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try (RequestGenerator.header + "\nA,x,downtown,senior,face,3,,,,,2026-11-01,,\nB,\"never closed,downtown\n").write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), folder + "/r.csv", "--output", folder + "/q.csv"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(folder)/r.csv:3:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["r.csv"])
    }

    @Test("a header without the required columns is refused naming them")
    func badHeader() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "request_id,location,colour\nA,downtown,red\n".write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), folder + "/r.csv", "--output", folder + "/q.csv"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("tier, areas, sessions"))
    }

    @Test("unknown columns are ignored with one warning; blank lines are skipped")
    func unknownColumns() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "request_id,location,tier,areas,sessions,colour,quote_date\n\nA,downtown,senior,face,3,red,2026-11-01\n\nB,downtown,senior,face,2,blue,2026-11-01\n"
            .write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), folder + "/r.csv", "--output", folder + "/q.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.components(separatedBy: "colour").count == 2)
        #expect(SimpleCSV.records(file: folder + "/q.csv").map { $0["request_id"]! } == ["A", "B"])
    }

    @Test("a rejects file run again replaces its line and error columns instead of carrying two of each",
          arguments: ["line,error", "LINE,Error"])
    func rejectsRunAgain(columns: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // What a first run wrote for two bad rows (one fixed by the clerk, one not), with the
        // columns as a spreadsheet may have renamed them.
        try "request_id,location,tier,areas,sessions,quote_date,\(columns)\r\nA,downtown,senior,face,3,2026-11-01,2,old reason\r\nB,nowhere,senior,face,3,2026-11-01,3,old reason\r\n"
            .write(toFile: folder + "/first.rejects.csv", atomically: true, encoding: .utf8)
        let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), folder + "/first.rejects.csv",
                                "--output", folder + "/q.csv", "--rejects", folder + "/again.rejects.csv"])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(!r.stderr.contains("unknown column"), "\(r.stderr)")
        let text = try String(contentsOfFile: folder + "/again.rejects.csv", encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "request_id,location,tier,areas,sessions,quote_date,line,error", "\(text)")
        let rejects = SimpleCSV.records(file: folder + "/again.rejects.csv")
        #expect(rejects.map { $0["request_id"]! } == ["B"])
        #expect(rejects.first?["line"] == "3" && rejects.first?["error"]?.contains("location 'nowhere'") == true, "\(text)")
        #expect(SimpleCSV.records(file: folder + "/q.csv").map { $0["request_id"]! } == ["A"])
    }

    @Test("an output folder that does not exist fails clearly and leaves no rejects file")
    func missingFolder() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                                "--output", folder + "/missing/q.csv", "--rejects", folder + "/r.csv"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(folder)/missing/q.csv: cannot write"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}

@Suite("Interrupted batches")
struct InterruptTests {
    @Test("SIGINT or SIGTERM midway through a batch leaves no output and no temporary file", arguments: [SIGINT, SIGTERM])
    func interrupt(signal: Int32) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var generator = RequestGenerator(seed: 3)
        try generator.csv(rows: 200_000).write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        for ext in ["csv", "xlsx"] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Binary.path)
            p.arguments = ["batch", "--pricing", Binary.example("pricing.toml"), folder + "/r.csv", "--output", "\(folder)/q.\(ext)"]
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Wait until the batch is writing (its temporary file exists), then interrupt it.
            var waited = 0
            while waited < 200, !(try FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.hasPrefix(".q.") }) {
                Thread.sleep(forTimeInterval: 0.05); waited += 1
            }
            Thread.sleep(forTimeInterval: 0.3)
            #expect(p.isRunning, "the batch finished before it could be interrupted")
            kill(p.processIdentifier, signal)
            p.waitUntilExit()
            #expect(p.terminationStatus == 128 + signal)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["r.csv"])
        }
    }
}
