import Foundation
import Ledger
import Pricing
import Reports
import Testing
import Workflows

@Suite("Batch save into a ledger")
struct BatchSaveTests {
    @Test("the example batch saved, then the monthly report from the ledger, gives the expected CSV byte for byte")
    func exampleMonthly() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await Fixture.ledger(in: folder)
        let summary = try await BatchSave(try Fixture.batch(Fixture.example("requests.csv"), output: folder + "/q.csv"), into: store).run()
        #expect(summary.quoted == 5 && summary.rejected == 0)
        #expect(Fixture.records(folder + "/q.csv").map { $0["quote_id"] } == (1...5).map { "Q-2026-00000\($0)" })
        let written = try await MonthlyReport.write(from: store, months: YearMonth(iso: "2026-11")!, to: YearMonth(iso: "2027-05")!,
                                                    path: folder + "/m.csv")
        #expect(written.currency == "USD")
        let got = try Data(contentsOf: URL(fileURLWithPath: folder + "/m.csv"))
        let want = try Data(contentsOf: URL(fileURLWithPath: Fixture.example("expected-monthly-2026-11-to-2027-05.csv")))
        #expect(got == want)
        try await store.close()
    }

    @Test("every quote of a batch of several chunks is saved once, with the id the output shows, consecutive in the year")
    func idsMatchOutput() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = BatchRun.batchSize * 3 + 17
        try Fixture.requests(rows).write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        let store = try await Fixture.ledger(in: folder)
        let summary = try await BatchSave(try Fixture.batch(folder + "/r.csv", output: folder + "/q.csv"), into: store).run()
        #expect(summary.quoted == rows && summary.rejected == 0)
        let written = Fixture.records(folder + "/q.csv")
        #expect(written.map { $0["quote_id"]! } == (1...rows).map { QuoteNumber(year: 2026, seq: $0).description })
        var saved: [String: String] = [:]
        try await store.forEachEntry(matching: .all, pageSize: 300) { saved[$0.quote.quoteID] = $0.quote.request.requestID }
        #expect(saved.count == rows)
        #expect(written.allSatisfy { saved[$0["quote_id"]!] == $0["request_id"] })
        try await store.close()
    }

    /// A requests file saved again under another name, from another folder: its rows are
    /// the same requests, refused by their `request_id`; new rows in it are saved.
    @Test("a request is saved once across the whole ledger, whatever the requests file's name or folder",
          arguments: ["copy.csv", "other/requests.csv", "renamed elsewhere/r 2.CSV"])
    func repeatsAcrossFiles(secondName: String) async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await Fixture.ledger(in: folder)
        _ = try await BatchSave(try Fixture.batch(Fixture.example("requests.csv"), output: folder + "/q1.csv"), into: store).run()
        let second = folder + "/" + secondName
        try FileManager.default.createDirectory(atPath: (second as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let examples = try String(contentsOfFile: Fixture.example("requests.csv"), encoding: .utf8)
        try (examples + "NEW1,New Client,downtown,senior,face,2,,,,,2026-11-05,,\n").write(toFile: second, atomically: true, encoding: .utf8)
        let summary = try await BatchSave(try Fixture.batch(second, output: folder + "/q2.csv"), into: store).run()
        #expect(summary.quoted == 1 && summary.rejected == 5)
        let rejects = Fixture.records(folder + "/q2.rejects.csv")
        #expect(rejects.map { $0["request_id"]! } == ["EX1", "EX2", "EX3", "EX4", "EX5"])
        for (i, r) in rejects.enumerated() {
            #expect(r["error"]!.contains("already saved as Q-2026-00000\(i + 1)"), "\(r)")
        }
        #expect(Fixture.records(folder + "/q2.csv").map { $0["quote_id"] } == ["Q-2026-000006"])
        let entry = try await store.entry(id: "Q-2026-000006")
        #expect(entry.source == URL(fileURLWithPath: second).lastPathComponent && entry.line == 7)
        #expect(try await store.summary().quotes == 6)
        try await store.close()
    }

    @Test("quotes saved one at a time are never refused as repeats, whatever their request id")
    func singleQuotesNotRepeats() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await Fixture.ledger(in: folder)
        _ = try await BatchSave(try Fixture.batch(Fixture.example("requests.csv"), output: folder + "/q.csv"), into: store).run()
        let card = try Fixture.card()
        for id in ["walk-in", "walk-in", "EX1"] {
            let request = QuoteRequest(requestID: id, location: "downtown", tier: "senior", areas: ["face"], sessions: 2,
                                       quoteDate: Fixture.today)
            let quote = try QuoteEngine.quote(request, card: card, today: Fixture.today)
            _ = try await QuoteSave.run(quote, into: store, rateCardHash: card.contentHash)
        }
        #expect(try await store.summary().quotes == 8)
        #expect(try await store.entry(id: "Q-2026-000008").quote.request.requestID == "EX1")
        try await store.close()
    }

    /// How a batch fails after some of its chunks were saved in the session, or before.
    enum Failure: String, CaseIterable, CustomTestStringConvertible {
        /// A byte that is not UTF-8 on a row after three chunks: the whole batch fails.
        case badByteAfterThreeChunks
        /// The rejects cannot be created (its folder does not exist).
        case rejectsFolderMissing
        /// The quotes output is a folder.
        case outputIsAFolder
        var testDescription: String { rawValue }
    }

    @Test("a batch that fails saves nothing of itself, leaves no output, and the ledger takes the next save",
          arguments: Failure.allCases)
    func allOrNothing(failure: Failure) async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await Fixture.ledger(in: folder)
        _ = try await BatchSave(try Fixture.batch(Fixture.example("requests.csv"), output: folder + "/before.csv"), into: store).run()
        let before = try await store.summary()
        var text = Data(Fixture.requests(BatchRun.batchSize * 3 + 100).utf8)
        var output = folder + "/q.csv", rejects: String? = nil
        switch failure {
        case .badByteAfterThreeChunks: text.append(contentsOf: Array("BAD,Cl".utf8) + [0xFF] + Array("ent,downtown,senior,face,3,2026-11-10\n".utf8))
        case .rejectsFolderMissing: rejects = folder + "/missing/r.rejects.csv"
        case .outputIsAFolder:
            output = folder + "/out.csv"
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
        }
        try text.write(to: URL(fileURLWithPath: folder + "/r.csv"))
        let listing = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        await #expect(throws: (any Error).self) {
            try await BatchSave(try Fixture.batch(folder + "/r.csv", output: output, rejects: rejects), into: store).run()
        }
        #expect(try await store.summary() == before)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)).subtracting(["l.sqlite-journal"]) == listing)
        // The session was rolled back and the write lock released: the next save numbers on.
        try Fixture.requests(2, prefix: "AFTER").write(toFile: folder + "/after-r.csv", atomically: true, encoding: .utf8)
        let next = BatchSave(try Fixture.batch(folder + "/after-r.csv", output: folder + "/after.csv"), into: store)
        #expect(try await next.run().quoted == 2)
        #expect(Fixture.records(folder + "/after.csv").map { $0["quote_id"] } == ["Q-2026-000006", "Q-2026-000007"])
        try await store.close()
    }
}
