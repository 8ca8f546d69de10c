import Foundation
import Testing

/// A PostgreSQL server of this test's own (`scripts/postgres-test-server`), so that it can
/// be stopped in the middle of a save without touching the other tests' server.
///
/// Nothing here can wait forever: the child's outputs go to files (never a pipe another
/// process could hold open), and every wait has a deadline after which the child is killed
/// and the test fails.
@Suite("A PostgreSQL server stopped during a batch save", .enabled(if: TestPostgres.available), .timeLimit(.minutes(5)))
struct PostgresServerStopTests {
    /// Runs `scripts/postgres-test-server COMMAND DIR`.
    static func server(_ command: String, _ dir: String) throws {
        let p = Process()
        p.executableURL = Binary.packageRoot.appendingPathComponent("scripts/postgres-test-server")
        p.arguments = [command, dir]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    }

    /// Whether a session of the server at `url` is running a COPY into the quote table.
    static func copyUnderWay(_ url: String) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestPostgres.psql)
        p.arguments = [url, "-A", "-t", "-q", "-c",
                       "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY%quote%' AND pid <> pg_backend_pid()"]
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        FileManager.default.createFile(atPath: folder + "/out", contents: nil)
        guard let out = FileHandle(forWritingAtPath: folder + "/out") else { return false }
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        try? out.close()
        let text = (try? String(contentsOfFile: folder + "/out", encoding: .utf8)) ?? ""
        return (Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0
    }

    /// Waits until `condition` holds or `seconds` pass; whether it held.
    static func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return condition()
    }

    @Test("the server stopped during a batch save's COPY: the batch fails in one line naming the server (not the password), keeps nothing of the batch, writes no output; the ledger otherwise intact")
    func serverStopped() throws {
        let folder = Binary.temporaryFolder()
        // A short path: the server's socket lives in it.
        let dir = "/tmp/spq-stop-" + UUID().uuidString.prefix(8)
        try Self.server("start", dir)
        defer { try? Self.server("stop", dir); try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try String(contentsOfFile: dir + "/url", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let password = String(ledger.split(separator: ":")[2].split(separator: "@")[0])
        let pricing = Binary.example("pricing.toml")
        let first = try Binary.run(["batch", "--pricing", pricing, Binary.example("requests.csv"), "--output", folder + "/first.csv",
                                    "--save", "--ledger", ledger, "--date", "2026-11-01"])
        try #require(first.status == 0, "\(first.stderr)")
        let before = try Binary.run(["ledger", "list", "--ledger", ledger]).stdout
        var generator = RequestGenerator(seed: 21)
        try generator.csv(rows: 200_000).write(toFile: folder + "/big.csv", atomically: true, encoding: .utf8)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.path)
        p.arguments = ["batch", "--pricing", pricing, folder + "/big.csv", "--output", folder + "/big-out.csv",
                       "--save", "--ledger", ledger, "--date", "2026-11-01"]
        FileManager.default.createFile(atPath: folder + "/stderr", contents: nil)
        let stderr = try #require(FileHandle(forWritingAtPath: folder + "/stderr"))
        p.standardError = stderr
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        let copying = Self.wait(seconds: 120) { !p.isRunning || Self.copyUnderWay(ledger) }
        #expect(copying && p.isRunning, "the batch ended before its COPY could be interrupted")
        try Self.server("halt", dir)
        let ended = Self.wait(seconds: 60) { !p.isRunning }
        #expect(ended, "the batch still runs 60 s after its server stopped")
        if !ended { p.terminate() }
        p.waitUntilExit()
        try stderr.close()
        let message = try String(contentsOfFile: folder + "/stderr", encoding: .utf8)

        #expect(p.terminationStatus == 1, "\(message)")
        #expect(message.contains("127.0.0.1") && message.contains("spaquote_test"), "\(message)")
        #expect(message.contains("nothing was saved"), "\(message)")
        #expect(!message.contains(password), "the password was shown")
        #expect(message.split(separator: "\n").count == 1, "one line: \(message)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/big-out.csv"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/big-out.rejects.csv"))
        try Self.server("resume", dir)
        let after = try Binary.run(["ledger", "list", "--ledger", ledger])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout == before)
    }
}
