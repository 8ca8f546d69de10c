import Foundation
import Testing

/// What fails around spaquote: each gives a clear message, leaves no partial output, and
/// leaves the ledger intact.
@Suite("Faults around a run")
struct FaultTests {
    func requests(rows: Int, in folder: String) throws -> String {
        var generator = RequestGenerator(seed: 9)
        let path = folder + "/r.csv"
        try generator.csv(rows: rows).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `spaquote arguments` under `sh` with a file-size limit of `blocks` (512-byte blocks).
    func runLimited(blocks: Int, _ arguments: [String], in folder: String) throws -> Binary.Result {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ulimit -f \(blocks) && exec '\(Binary.path)' \(quoted) 2> stderr.txt"]
        p.currentDirectoryURL = URL(fileURLWithPath: folder)
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let err = (try? String(contentsOfFile: folder + "/stderr.txt", encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: folder + "/stderr.txt")
        return Binary.Result(status: p.terminationStatus, stdout: "", stderr: err)
    }

    @Test("a full disk (a file-size limit) fails with a message and leaves no partial file, CSV or XLSX", arguments: ["csv", "xlsx"])
    func diskFull(ext: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try requests(rows: 20_000, in: folder)
        let r = try runLimited(blocks: 512, ["batch", "--pricing", Binary.example("pricing.toml"), "r.csv", "--output", "q.\(ext)"], in: folder)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("q.\(ext): cannot write"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["r.csv"])
    }

    @Test("the rejects failing as they are finished leaves no quotes file either: both outputs are complete before either moves into place",
          arguments: [3, 4, 5])
    func rejectsFailLast(blocks: Int) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // One small quote (under the limit) and one reject of 3,000 characters (over it),
        // buffered until the rejects file is finished.
        let long = String(repeating: "x", count: 3_000)
        try "request_id,client,location,tier,areas,sessions,quote_date\nA,Ana,downtown,senior,face,3,2026-11-01\nB,\(long),nowhere,senior,face,3,2026-11-01\n"
            .write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        let r = try runLimited(blocks: blocks, ["batch", "--pricing", Binary.example("pricing.toml"), "r.csv", "--output", "q.csv"], in: folder)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["r.csv"])
    }

    @Test("an unwritable output folder fails with a message naming the file")
    func unwritableFolder() throws {
        let folder = Binary.temporaryFolder()
        let locked = folder + "/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
        // Root ignores permissions, so also make the folder immutable where we can.
        chmod(locked, 0o555)
        let immutable = getuid() == 0 && shell("chattr +i '\(locked)'") == 0
        defer {
            if immutable { _ = shell("chattr -i '\(locked)'") }
            chmod(locked, 0o755)
            try? FileManager.default.removeItem(atPath: folder)
        }
        try #require(getuid() != 0 || immutable, "cannot make a folder unwritable for root here (no chattr)")
        let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                                "--output", locked + "/q.csv"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(locked)/q.csv: cannot write"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked).isEmpty)
    }

    @Test("a ledger locked by another program: a clear message, and nothing changed")
    func lockedLedger() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        _ = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                            "--output", folder + "/s.csv", "--save", "--ledger", ledger])
        let before = try Binary.run(["ledger", "list", "--ledger", ledger]).stdout
        // Another program holds an exclusive lock for a while.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(9)", ledger]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        _ = out.fileHandleForReading.availableData   // waits for "locked"
        let r = try Binary.run(["ledger", "accept", "Q-2026-000005", "--on", "2026-12-10", "--ledger", ledger])
        holder.terminate()
        holder.waitUntilExit()
        #expect(r.status == 1)
        #expect(r.stderr.contains("the ledger is locked by another program"), "\(r.stderr)")
        #expect(try Binary.run(["ledger", "list", "--ledger", ledger]).stdout == before)
    }

    @Test("a ledger written by a newer schema is refused and left byte for byte as it was")
    func newerSchema() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        _ = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                            "--output", folder + "/s.csv", "--save", "--ledger", ledger])
        #expect(shell("python3 -c \"import sqlite3; c=sqlite3.connect('\(ledger)'); c.execute(\\\"INSERT INTO grdb_migrations VALUES ('v2-from-a-newer-spaquote')\\\"); c.commit()\"") == 0)
        let before = FileManager.default.contents(atPath: ledger)
        for args in [["ledger", "list"], ["report", "monthly", "--from", "2026-11", "--output", folder + "/m.csv"]] {
            let r = try Binary.run(args + ["--ledger", ledger])
            #expect(r.status == 1)
            #expect(r.stderr.contains("written by a newer spaquote"), "\(r.stderr)")
        }
        let saved = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                                    "--output", folder + "/again.csv", "--save", "--ledger", ledger])
        #expect(saved.status == 1)
        #expect(FileManager.default.contents(atPath: ledger) == before)
        #expect(!FileManager.default.fileExists(atPath: folder + "/again.csv"))
    }
}

/// Runs a shell command; its exit status.
func shell(_ command: String) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return -1 }
    p.waitUntilExit()
    return p.terminationStatus
}
