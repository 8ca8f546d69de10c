import Foundation
import Pricing
import Testing
@testable import Reports

/// A ledger answering from a rule, remembering what it was handed.
private final class RuleLedger: BatchLedger {
    let refuse: (Quote) -> String?
    var handed: [[Int]] = []
    var committed = false
    var commitError: (any Error)?
    init(refuse: @escaping (Quote) -> String?) { self.refuse = refuse }
    func admit(_ quotes: [Quote], lines: [Int]) throws -> [Admission] {
        handed.append(lines)
        return quotes.map { q in refuse(q).map { .refused(reason: $0) } ?? .admitted(q) }
    }
    func commit() throws {
        if let commitError { throw commitError }
        committed = true
    }
}

private struct CommitFailed: Error {}

@Suite("The batch pipeline's parts: rows, pricing, admission, outputs")
struct BatchPartsTests {
    static let card = try! RateCard.load(path: BatchRunHooksTests.examples.appendingPathComponent("pricing.toml").path)
    static let today = BatchRunHooksTests.today
    static let header = "request_id,location,tier,areas,sessions\n"

    /// The items `rows` gives for `text`'s data records.
    static func items(_ text: String, pricer: BatchPricer? = nil, refusal: ((QuoteRequest) -> String?)? = nil) throws -> [BatchItem] {
        let reader = CSVReader(bytes: Array((header + text).utf8), name: "r.csv")
        let head = try RequestHeader(try #require(try reader.next()).fields, path: "r.csv")
        var rows = BatchRows(header: head, refusal: refusal, pricer: pricer)
        var out: [BatchItem] = []
        while let record = try reader.next() { out.append(rows.item(for: record)) }
        return out
    }

    static func message(_ item: BatchItem) -> String? {
        if case let .reject(_, _, message) = item { return message }
        return nil
    }

    @Test("A record becomes a request, or a reject naming why", arguments: [
        ("A1,downtown,senior,face,3\n", nil),
        ("A1,downtown,senior,face,3\nA1,uptown,senior,face,3\n", "repeats an earlier row"),
        ("A1,downtown,senior,face,zero\n", "sessions"),
        ("A1,downtown,senior\n", "areas"),
    ] as [(String, String?)])
    func rows(text: String, problem: String?) throws {
        let items = try Self.items(text)
        guard let problem else {
            guard case .request(let r, _, let line) = try #require(items.first) else { Issue.record("not a request"); return }
            #expect(r.requestID == "A1" && line == 2)
            return
        }
        let message = try #require(items.compactMap(Self.message).last)
        #expect(message.localizedCaseInsensitiveContains(problem), "\(message)")
    }

    @Test("A caller's refusal rejects the row with its reason, unpriced", arguments: ["downtown", "uptown"])
    func refusal(location: String) throws {
        let items = try Self.items("A1,\(location),senior,face,3\n", refusal: { $0.location == "uptown" ? "not yours" : nil })
        #expect(Self.message(items[0]) == (location == "uptown" ? "not yours" : nil))
    }

    @Test("With a pricer, rows are priced while read, the same quote the writer thread's pricing gives", arguments: [1, 3, 6])
    func pricedWhileReading(sessions: Int) throws {
        let pricer = BatchPricer(card: Self.card, today: Self.today, sink: nil)
        let text = "A1,downtown,senior,face,\(sessions)\n"
        guard case let .priced(here, _, _) = try Self.items(text, pricer: pricer)[0],
              case let .quote(there, _, _) = pricer.price(try Self.items(text)[0]) else {
            Issue.record("not priced"); return
        }
        #expect(here == there)
    }

    @Test("Pricing rejects what the engine refuses and passes earlier rejects through", arguments: ["mars", "nowhere"])
    func pricing(location: String) throws {
        let pricer = BatchPricer(card: Self.card, today: Self.today, sink: nil)
        let out = pricer.price(try Self.items("A1,\(location),senior,face,3\nA1,downtown,senior,face,3\n"))
        guard case let .reject(_, line, message) = out[0] else { Issue.record("priced"); return }
        #expect(line == 2 && message.contains(location))
        guard case let .reject(_, _, repeated) = out[1] else { Issue.record("priced"); return }
        #expect(repeated.contains("repeats an earlier row"))
    }

    @Test("A ledger gets the chunk's quotes at once and its answers land in their places", arguments: ["downtown", "uptown"])
    func admission(refused: String) throws {
        let pricer = BatchPricer(card: Self.card, today: Self.today, sink: nil)
        var outcomes = pricer.price(try Self.items("A1,downtown,senior,face,3\nbad\nA2,uptown,senior,face,3\n"))
        let ledger = RuleLedger { $0.request.location == refused ? "held already" : nil }
        try ledger.admit(&outcomes)
        #expect(ledger.handed == [[2, 4]])
        let messages = outcomes.map { o -> String? in if case let .reject(_, _, m) = o { m } else { nil } }
        #expect(messages[0] == (refused == "downtown" ? "held already" : nil))
        #expect(messages[1] != nil)
        #expect(messages[2] == (refused == "uptown" ? "held already" : nil))
        var rejectsOnly = pricer.price(try Self.items("bad\n"))
        try ledger.admit(&rejectsOnly)
        #expect(ledger.handed.count == 1)   // a chunk without a quote is not handed over
    }

    @Test("Pricing moves to the reading thread for a ledger, client PDFs or a workbook, and only then", arguments: [
        ("q.csv", nil, false, false), ("q.xlsx", nil, false, true), ("q.csv", "q.xlsx", false, true), ("q.csv", nil, true, true),
    ] as [(String, String?, Bool, Bool)])
    func pricingPlace(output: String, also: String?, ledger: Bool, expected: Bool) {
        var run = BatchRun(card: Self.card, requestsPath: "r.csv", outputPath: output, today: Self.today)
        run.alsoOutputPath = also
        if ledger { run.ledger = RuleLedger { _ in nil } }
        #expect(run.pricesWhileReading == expected)
    }

    @Test("A batch with a ledger writes what it admits, rejects what it refuses, and commits once", arguments: ["downtown", "uptown"])
    func ledgerRun(refused: String) throws {
        let ledger = RuleLedger { $0.request.location == refused ? "held already" : nil }
        let (summary, files) = try BatchRunHooksTests.run("requests.csv", outputs: ["quotes.csv"]) { $0.ledger = ledger }
        let (plain, _) = try BatchRunHooksTests.run("requests.csv", outputs: ["quotes.csv"])
        let rejects = String(decoding: files["rejects.csv"]!, as: UTF8.self)
        let held = rejects.components(separatedBy: "held already").count - 1
        #expect(held > 0 && summary.rejected == plain.rejected + held && summary.quoted == plain.quoted - held)
        #expect(ledger.committed)
    }

    @Test("A ledger's failed commit leaves no output", arguments: ["quotes.csv", "quotes.xlsx"])
    func failedCommit(output: String) throws {
        let ledger = RuleLedger { _ in nil }
        ledger.commitError = CommitFailed()
        #expect(throws: CommitFailed.self) {
            _ = try BatchRunHooksTests.run("requests.csv", outputs: [output]) { $0.ledger = ledger }
        }
    }

    @Test("Outputs count what they write, from any thread", arguments: [0, 3, 600])
    func outputs(rows: Int) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputs = BatchOutputs(quotes: try CSVQuoteSink(path: folder.appendingPathComponent("q.csv").path),
                                   rejects: try CSVFile(path: folder.appendingPathComponent("r.csv").path), clientQuotes: nil)
        let rejects = (0..<rows).map { BatchOutcome.reject(fields: ["x"], line: $0 + 2, message: "bad") }
        try outputs.write(rejects)
        #expect(outputs.counts == (0, rows))
        try outputs.close()
        try outputs.commit()
        let text = try String(contentsOf: folder.appendingPathComponent("r.csv"), encoding: .utf8)
        #expect(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == rows)
    }
}
