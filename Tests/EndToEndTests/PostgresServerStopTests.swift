import Foundation
import Testing

/// A PostgreSQL server of this test's own (`scripts/postgres-test-server`), so that it can
/// be stopped in the middle of a save without touching the other tests' server.
@Suite("A PostgreSQL server stopped during a batch save", .enabled(if: TestPostgres.available))
struct PostgresServerStopTests {
    static func server(_ command: String, _ dir: String) throws {
        let p = Process()
        p.executableURL = Binary.packageRoot.appendingPathComponent("scripts/postgres-test-server")
        p.arguments = [command, dir]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    }

    @Test("the server stopped during a batch save: the batch fails naming the server, nothing of it is kept, outputs none; the ledger otherwise intact")
    func serverStopped() throws {
        let folder = Binary.temporaryFolder()
        // A short path: the server's socket lives in it.
        let dir = "/tmp/spq-stop-" + UUID().uuidString.prefix(8)
        try Self.server("start", dir)
        defer { try? Self.server("stop", dir); try? FileManager.default.removeItem(atPath: folder) }
        let admin = try String(contentsOfFile: dir + "/url", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let ledger = admin   // the server's own test database
        let pricing = Binary.example("pricing.toml")
        let first = try Binary.run(["batch", "--pricing", pricing, Binary.example("requests.csv"), "--output", folder + "/first.csv",
                                    "--save", "--ledger", ledger, "--date", "2026-11-01"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try Binary.run(["ledger", "list", "--ledger", ledger]).stdout
        var generator = RequestGenerator(seed: 21)
        try generator.csv(rows: 200_000).write(toFile: folder + "/big.csv", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.path)
        p.arguments = ["batch", "--pricing", pricing, folder + "/big.csv", "--output", folder + "/big-out.csv",
                       "--save", "--ledger", ledger, "--date", "2026-11-01"]
        let stderr = Pipe()
        p.standardError = stderr
        try p.run()
        // Once the batch has begun its save (its rejects file's temporary is there), stop the server.
        Thread.sleep(forTimeInterval: 1.5)
        #expect(p.isRunning, "the batch finished before the server could be stopped")
        try Self.server("halt", dir)
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1, "\(message)")
        #expect(message.contains("127.0.0.1") && message.contains("spaquote_test"), "\(message)")
        #expect(!message.contains(admin.split(separator: ":")[2].split(separator: "@")[0]), "the password was shown")
        #expect(message.split(separator: "\n").count == 1, "one line: \(message)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/big-out.csv"))
        try Self.server("resume", dir)
        let after = try Binary.run(["ledger", "list", "--ledger", ledger])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout == before)
    }
}
