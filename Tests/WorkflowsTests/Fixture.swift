import Foundation
import Ledger
import Pricing
import Reports
import Workflows

/// Files and ledgers for the workflow tests.
enum Fixture {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func example(_ name: String) -> String { packageRoot.appendingPathComponent("Examples/\(name)").path }

    /// A fresh empty folder under the system's temporary folder.
    static func temporaryFolder() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spaquote-workflows-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func card() throws -> RateCard { try RateCard.load(path: example("pricing.toml")) }

    static let today = LocalDate(iso: "2026-11-01")!

    /// A new SQLite ledger file in `folder`.
    static func ledger(in folder: String, name: String = "l.sqlite") async throws -> any LedgerStore {
        try await LedgerAddress.file(path: folder + "/" + name).open(create: true)
    }

    /// A batch of `requests` into `output` (rejects beside it, unless given).
    static func batch(_ requests: String, output: String, rejects: String? = nil) throws -> BatchRun {
        BatchRun(card: try card(), requestsPath: requests, outputPath: output, rejectsPath: rejects, today: today)
    }

    /// The records of a CSV file as dictionaries keyed by its header (RFC 4180, read
    /// here independently of the Reports library).
    static func records(_ path: String) -> [[String: String]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text.replacingOccurrences(of: "\u{FEFF}", with: ""))[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" || c == "\r\n" { row.append(field); rows.append(row); row = []; field = "" }
            else if c != "\r" { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { $1 }) }
    }

    /// `count` valid request rows `PREFIX0`, `PREFIX1`... with a header.
    static func requests(_ count: Int, prefix: String = "R") -> String {
        var out = "request_id,client,location,tier,areas,sessions,quote_date\n"
        for i in 0..<count { out += "\(prefix)\(i),Client \(i),downtown,senior,face,\(1 + i % 6),2026-11-\(10 + i % 18)\n" }
        return out
    }
}
