import Foundation
import Ledger
import Pricing
import Reports
import Synchronization
import Testing
import Workflows

/// The monthly report reads the next page of revenue records while it adds the current
/// one: the same bytes as reading page after page, at most one read in flight, and a read
/// that fails (or a page the report refuses) leaves no file and no read still under way.
@Suite("Monthly report: the next page read while the current one is added")
struct MonthlyReportPagingTests {
    /// The report read strictly page after page (each page added before the next is asked
    /// for), with the report's own filter: the reference for the overlapped reader.
    static func sequential(_ store: any LedgerStore, _ first: YearMonth, _ last: YearMonth, path: String,
                           pageSize: Int) async throws -> (data: Data, records: Int) {
        let writer = try MonthlyReportWriter(path: path, from: first, to: last, currency: try await MonthlyReport.currency(of: store))
        var after: QuoteNumber?, records = 0
        while true {
            let page = try await store.revenueRecords(matching: .revenue(from: first, to: last), after: after, limit: pageSize)
            guard let last = page.last else { break }
            for r in page { try writer.add(r) }
            records += page.count
            after = QuoteNumber(last.quoteID)
        }
        try writer.finish()
        return (try Data(contentsOf: URL(fileURLWithPath: path)), records)
    }

    @Test("the overlapped reader writes the bytes and counts the records of the sequential one, for page sizes that end a page on the last record and others",
          arguments: ["csv", "xlsx"])
    func sameAsSequential(ext: String) async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await MonthlyReportTests.ledger(400, in: folder)
        let first = YearMonth(iso: "2026-11")!, last = YearMonth(iso: "2027-04")!
        let whole = try await Self.sequential(store, first, last, path: folder + "/whole.\(ext)", pageSize: 100_000)
        let n = whole.records
        #expect(n > 50, "the range holds most of the ledger's quotes")
        // n, n / 2 when even, and a divisor of n: the last record ends a full page, and the
        // empty page after it ends the read; the others leave a short last page.
        let divisor = (2...max(2, n)).first { n % $0 == 0 && n / $0 >= 2 } ?? 1
        for size in [n, n / divisor, 1, 2, 7, n - 1, n + 1, 10_000] where size > 0 {
            let want = try await Self.sequential(store, first, last, path: folder + "/want.\(ext)", pageSize: size)
            let written = try await MonthlyReport.write(from: store, months: first, to: last, path: folder + "/got.\(ext)", pageSize: size)
            let got = try Data(contentsOf: URL(fileURLWithPath: folder + "/got.\(ext)"))
            #expect(got == want.data && want.data == whole.data, "pages of \(size)")
            #expect(written.records == n, "pages of \(size)")
        }
        try await store.close()
    }

    @Test("a read that fails on page N + 1 while page N is added leaves no report, temporary or not, and no read under way",
          arguments: [(1, "csv"), (2, "csv"), (3, "csv"), (5, "csv"), (6, "csv"), (2, "xlsx"), (6, "xlsx")])
    func failingRead(failing call: Int, ext: String) async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try await MonthlyReportTests.ledger(300, in: folder)
        let store = FailingReads(ledger, failing: call)
        let first = YearMonth(iso: "2026-11")!, last = YearMonth(iso: "2027-04")!
        // Pages of a fifth of the records (rounded up): 5 full-or-short pages, then the
        // empty 6th read that ends the report.
        let n = try await Self.sequential(ledger, first, last, path: folder + "/whole.\(ext)", pageSize: 100_000).records
        try FileManager.default.removeItem(atPath: folder + "/whole.\(ext)")
        let error = await #expect(throws: LedgerError.self) {
            try await MonthlyReport.write(from: store, months: first, to: last, path: folder + "/m.\(ext)", pageSize: (n + 4) / 5)
        }
        #expect(error == FailingReads.failure)
        #expect(store.calls == call, "no page is asked for after the failing one")
        #expect(store.maxInFlight == 1 && store.inFlight == 0, "one read at a time, none left under way")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains("m.\(ext)") }
        #expect(left.isEmpty, "left: \(left)")
        try await ledger.close()
    }

    @Test("a page the report refuses stops the read ahead: no file, and the read in flight is awaited")
    func refusedPage() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try await MonthlyReportTests.ledger(200, in: folder)
        // Every record of the second page claims a value beyond what a report can sum.
        let store = FailingReads(ledger, failing: nil, inflating: 2, delay: .milliseconds(30))
        let first = YearMonth(iso: "2026-11")!, last = YearMonth(iso: "2027-04")!
        await #expect(throws: ReportError.self) {
            try await MonthlyReport.write(from: store, months: first, to: last, path: folder + "/m.csv", pageSize: 10)
        }
        #expect(store.calls == 3, "the third page was being read while the second was added")
        #expect(store.maxInFlight == 1 && store.inFlight == 0)
        #expect(!FileManager.default.fileExists(atPath: folder + "/m.csv"))
        try await ledger.close()
    }
}

/// A store that forwards to another, counting revenue reads: read number `failing` throws
/// ``failure``; the records of read number `inflating` get a value no report can sum;
/// each read waits `delay` first.
final class FailingReads: LedgerStore {
    static let failure = LedgerError.database(ledger: "failing", reason: "the server went away")
    let base: any LedgerStore
    let failing: Int?, inflating: Int?, delay: Duration
    private let state = Mutex((calls: 0, inFlight: 0, maxInFlight: 0))

    init(_ base: any LedgerStore, failing: Int?, inflating: Int? = nil, delay: Duration = .zero) {
        self.base = base; self.failing = failing; self.inflating = inflating; self.delay = delay
    }

    var calls: Int { state.withLock { $0.calls } }
    var inFlight: Int { state.withLock { $0.inFlight } }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }

    var name: String { base.name }
    func beginSave() async throws -> any SaveTransaction { try await base.beginSave() }
    func entry(_ number: QuoteNumber) async throws -> LedgerEntry { try await base.entry(number) }
    func entries(matching filter: QuoteFilter, after: QuoteNumber?, limit: Int) async throws -> [LedgerEntry] {
        try await base.entries(matching: filter, after: after, limit: limit)
    }
    func changeStatus(of number: QuoteNumber, _ change: StatusChange) async throws -> LedgerEntry {
        try await base.changeStatus(of: number, change)
    }
    func summary() async throws -> LedgerSummary { try await base.summary() }
    func close() async throws { try await base.close() }

    func revenueRecords(matching filter: QuoteFilter, after: QuoteNumber?, limit: Int) async throws -> [RevenueRecord] {
        let call = state.withLock { s in
            s.calls += 1; s.inFlight += 1; s.maxInFlight = max(s.maxInFlight, s.inFlight)
            return s.calls
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        try? await Task.sleep(for: delay)
        if call == failing { throw Self.failure }
        var page = try await base.revenueRecords(matching: filter, after: after, limit: limit)
        if call == inflating {
            for i in page.indices { page[i].value = Money(cents: Int64.max) }
        }
        return page
    }
}
