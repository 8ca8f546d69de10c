import Foundation
import Ledger
import Pricing
import PropertyBased
import Reports
import Testing
import Workflows

/// The monthly report reads only the quotes its months need (the filter pushed down into
/// the store's query, a page at a time); its bytes must equal those of a report fed every
/// saved quote.
@Suite("Monthly report from a ledger (push-down)")
struct MonthlyReportTests {
    /// `count` requests over the rate card's validity (2026-10-01 to 2027-03-31): every
    /// status, acceptances from before the quote date to past its validity (some rejected
    /// by the engine), 1 to 6 sessions 4 to 6 weeks apart, add-ons and promotions.
    static func requests(_ count: Int, seed: UInt64) -> String {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let start = LocalDate(iso: "2026-10-01")!
        var out = "request_id,client,location,tier,areas,sessions,spacing_weeks,addons,promo,quote_date,status,accepted_on\n"
        for i in 0..<count {
            let day = start.adding(days: next(182))
            let status = ["", "quoted", "declined", "accepted", "accepted", "accepted"][next(6)]
            let accepted = status == "accepted" ? day.adding(days: next(40) - 2).description : ""
            let location = ["downtown", "uptown", "riverside"][next(3)], tier = ["associate", "senior", "physician"][next(3)]
            let areas = ["face", "face;neck", "neck", "face;neck;scalp"][next(4)]
            let addons = ["", "numbing", "aftercare_kit"][next(3)]
            out += "P\(i),C\(i),\(location),\(tier),\(areas),\(1 + next(6)),\(4 + next(3)),\(addons),,\(day),\(status),\(accepted)\n"
        }
        return out
    }

    /// A ledger of `count` random quotes, in `folder`.
    static func ledger(_ count: Int, in folder: String) async throws -> any LedgerStore {
        try requests(count, seed: 2026).write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let store = try await Fixture.ledger(in: folder)
        let summary = try await BatchSave(try Fixture.batch(folder + "/p.csv", output: folder + "/p-out.csv"), into: store).run()
        #expect(summary.quoted > count / 2, "most random requests are quoted")
        return store
    }

    /// The report fed every saved quote (no filter), as the reference.
    static func reference(_ store: any LedgerStore, _ first: YearMonth, _ last: YearMonth, path: String) async throws -> Data {
        let writer = try MonthlyReportWriter(path: path, from: first, to: last, currency: try await MonthlyReport.currency(of: store))
        var after: QuoteNumber?
        while true {
            let page = try await store.revenueRecords(matching: .all, after: after, limit: 100_000)
            guard let last = page.last else { break }
            for r in page { try writer.add(r) }
            after = QuoteNumber(last.quoteID)
        }
        try writer.finish()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    static func pushedDown(_ store: any LedgerStore, _ first: YearMonth, _ last: YearMonth, path: String,
                           pageSize: Int = MonthlyReport.pageSize) async throws -> Data {
        try await MonthlyReport.write(from: store, months: first, to: last, path: path, pageSize: pageSize)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    @Test("over random month ranges and page sizes, the pushed-down report equals the report over every quote")
    func property() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await Self.ledger(1_200, in: folder)
        let base = YearMonth(iso: "2026-06")!
        await propertyCheck(count: 40, input: Gen.int(in: 0...24), Gen.int(in: 0...14), Gen.int(in: 1...1_500)) { offset, span, page in
            let first = base.adding(months: offset)!, last = first.adding(months: span)!
            let want = try await Self.reference(store, first, last, path: folder + "/want.csv")
            let got = try await Self.pushedDown(store, first, last, path: folder + "/got.csv", pageSize: page)
            #expect(got == want, "\(first) to \(last), pages of \(page)")
        }
        try await store.close()
    }

    @Test("fixed ranges, CSV and workbook: before, across and after the ledger's quotes, one month, and a long tail of sessions",
          arguments: [("2026-11", "2027-05", "csv"), ("2026-01", "2026-09", "csv"), ("2027-04", "2027-12", "csv"),
                      ("2026-12", "2026-12", "csv"), ("2025-01", "2028-12", "csv"), ("2026-11", "2027-05", "xlsx"),
                      ("2027-02", "2027-02", "xlsx")])
    func ranges(from: String, to: String, ext: String) async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await Self.ledger(600, in: folder)
        let first = YearMonth(iso: from)!, last = YearMonth(iso: to)!
        let want = try await Self.reference(store, first, last, path: folder + "/want.\(ext)")
        let got = try await Self.pushedDown(store, first, last, path: folder + "/got.\(ext)", pageSize: 97)
        #expect(got == want)
        try await store.close()
    }

    @Test("an empty ledger gives a report in USD with no quotes, and reads nothing")
    func emptyLedger() async throws {
        let folder = Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await Fixture.ledger(in: folder)
        let written = try await MonthlyReport.write(from: store, months: YearMonth(iso: "2026-11")!, to: YearMonth(iso: "2026-12")!,
                                                    path: folder + "/m.csv")
        #expect(written.records == 0 && written.currency == "USD")
        #expect(FileManager.default.fileExists(atPath: folder + "/m.csv"))
        try await store.close()
    }
}
