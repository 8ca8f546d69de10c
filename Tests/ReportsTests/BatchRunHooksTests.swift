import Foundation
import Pricing
import Reports
import Testing

@Suite("Batch runs: a second quotes output and a caller's refusal")
struct BatchRunHooksTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = root.appendingPathComponent("Examples")
    static let today = LocalDate(iso: "2026-11-01")!

    /// Runs the example `requests` with `configure` into a new folder; the folder's files by name.
    static func run(_ requests: String, outputs: [String], _ configure: (inout BatchRun) -> Void = { _ in }) throws
        -> (BatchSummary, [String: Data]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("batch-hooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        var batch = BatchRun(card: try RateCard.load(path: examples.appendingPathComponent("pricing.toml").path),
                             requestsPath: examples.appendingPathComponent(requests).path,
                             outputPath: folder.appendingPathComponent(outputs[0]).path,
                             rejectsPath: folder.appendingPathComponent("rejects.csv").path, today: today)
        if outputs.count > 1 { batch.alsoOutputPath = folder.appendingPathComponent(outputs[1]).path }
        configure(&batch)
        let summary = try batch.run()
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        return (summary, files)
    }

    @Test("A second output holds the bytes a run to that output alone writes, and so does the first",
          arguments: ["requests.csv", "requests-bad.csv"])
    func secondOutput(_ requests: String) throws {
        let (both, files) = try Self.run(requests, outputs: ["quotes.csv", "quotes.xlsx"])
        let (_, csv) = try Self.run(requests, outputs: ["quotes.csv"])
        let (_, xlsx) = try Self.run(requests, outputs: ["quotes.xlsx"])
        #expect(Set(files.keys) == ["quotes.csv", "quotes.xlsx", "rejects.csv"])
        #expect(files["quotes.csv"] == csv["quotes.csv"])
        #expect(files["quotes.xlsx"] == xlsx["quotes.xlsx"])
        #expect(files["rejects.csv"] == csv["rejects.csv"])
        #expect(both.rows == both.quoted + both.rejected)
    }

    @Test("A refused request is rejected with the caller's reason and never priced; the others are written as before",
          arguments: ["downtown", "uptown", "riverside", "nowhere"])
    func refusal(_ allowed: String) throws {
        let (summary, files) = try Self.run("requests.csv", outputs: ["quotes.csv"]) { batch in
            batch.refusal = { $0.location == allowed ? nil : "location '\($0.location)': not yours" }
        }
        let quotes = String(decoding: files["quotes.csv"]!, as: UTF8.self)
        let rejects = String(decoding: files["rejects.csv"]!, as: UTF8.self)
        let quotedRows = quotes.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(quotedRows.allSatisfy { $0.contains(",\(allowed),") })
        #expect(summary.quoted == quotedRows.count && summary.rejected == summary.rows - summary.quoted)
        let rejected = rejects.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(rejected.count == summary.rejected)
        #expect(rejected.allSatisfy { $0.hasSuffix(": not yours") && !$0.contains(",\(allowed),") })
    }
}
