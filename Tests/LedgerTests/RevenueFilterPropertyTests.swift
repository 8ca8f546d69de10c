import Ledger
import Pricing
import PropertyBased
import Reports
import Testing

/// The monthly report reads only the quotes ``QuoteFilter/revenue(from:to:)`` selects:
/// leaving the others out must change nothing in it.
@Suite("The monthly report's push-down filter (property tests)")
struct RevenueFilterPropertyTests {
    static let locations = ["downtown", "uptown", "riverside"]

    /// A revenue record from a handful of integers: any quote date in 2024...2028, one to six
    /// sessions from it at random gaps, any status, an acceptance up to a year after the quote.
    static func record(_ seed: [Int], index: Int) -> RevenueRecord {
        let quoteDate = LocalDate(iso: "2024-01-01")!.adding(days: seed[0] % 1_800)
        let sessions = 1 + seed[1] % 6
        var dates: [LocalDate] = [], day = quoteDate.adding(days: seed[2] % 120)
        for k in 0..<sessions {
            dates.append(day)
            day = day.adding(days: 7 * (1 + (seed[3] >> k) % 8))
        }
        let status: QuoteStatus = [.quoted, .accepted, .declined][seed[4] % 3]
        let net = Money(cents: Int64(seed[5] % 500_000)), perSession = Money(cents: Int64(seed[6] % 20_000))
        let perPackage = Money(cents: Int64(seed[7] % 20_000))
        return RevenueRecord(quoteID: QuoteNumber(year: quoteDate.year, seq: index + 1).description,
                             location: locations[seed[8] % 3], tier: seed[9] % 2 == 0 ? "senior" : "associate",
                             quoteDate: quoteDate, status: status,
                             acceptedOn: status == .accepted ? quoteDate.adding(days: seed[10] % 400) : nil,
                             sessions: sessions, value: net + perSession + perPackage, treatmentNet: net,
                             addonsPerSession: perSession, addonsPerPackage: perPackage, sessionDates: dates)
    }

    static let seeds = Gen.int(in: 0...Int(Int32.max)).array(of: 11).array(of: 1...40)
    static let range = Gen.int(in: 0...(5 * 12 - 1)).array(of: 2)

    static func report(_ records: [RevenueRecord], _ first: YearMonth, _ last: YearMonth) throws -> [MonthlyRow] {
        var revenue = MonthlyRevenue(from: first, to: last)
        for r in records { try revenue.add(r) }
        return revenue.rows
    }

    @Test("for random quotes and ranges, the report over the filtered quotes equals the report over all of them")
    func filteredEqualsAll() async {
        await propertyCheck(count: 400, input: Self.seeds, Self.range) { seeds, months in
            let records = seeds.enumerated().map { Self.record($0.element, index: $0.offset) }
            let start = YearMonth(iso: "2024-01")!
            let first = start.adding(months: min(months[0], months[1]))!, last = start.adding(months: max(months[0], months[1]))!
            let filter = QuoteFilter.revenue(from: first, to: last)
            let kept = records.filter(filter.matches)
            do {
                #expect(try Self.report(kept, first, last) == (try Self.report(records, first, last)),
                        "\(first)...\(last): kept \(kept.count) of \(records.count)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    @Test("the filter leaves out quotes that are issued and settled before the range or issued after it", arguments: [
        // quoted before the range, never accepted
        (LedgerFilterCase(quoted: "2026-10-15", accepted: nil, lastSession: "2026-10-20"), false),
        // accepted before the range, last session before it: nothing left to recognize
        (LedgerFilterCase(quoted: "2026-09-01", accepted: "2026-09-02", lastSession: "2026-10-31"), false),
        // accepted before the range, last session in it
        (LedgerFilterCase(quoted: "2026-09-01", accepted: "2026-09-02", lastSession: "2026-11-01"), true),
        // accepted after the range
        (LedgerFilterCase(quoted: "2026-09-01", accepted: "2027-02-01", lastSession: "2026-10-01"), false),
        // quoted in the range
        (LedgerFilterCase(quoted: "2026-12-31", accepted: nil, lastSession: "2027-03-01"), true),
        // accepted in the range, sessions before it
        (LedgerFilterCase(quoted: "2026-08-01", accepted: "2026-11-30", lastSession: "2026-09-01"), true),
        // quoted after the range
        (LedgerFilterCase(quoted: "2027-01-01", accepted: "2027-01-01", lastSession: "2027-01-02"), false),
    ])
    func edges(c: LedgerFilterCase, kept: Bool) {
        let filter = QuoteFilter.revenue(from: YearMonth(iso: "2026-11")!, to: YearMonth(iso: "2026-12")!)
        #expect(filter.matches(c.record) == kept)
    }
}

struct LedgerFilterCase: Sendable, CustomStringConvertible {
    var quoted: String
    var accepted: String?
    var lastSession: String

    var record: RevenueRecord {
        RevenueRecord(quoteID: "Q-2026-000001", location: "downtown", tier: "senior", quoteDate: LocalDate(iso: quoted)!,
                      status: accepted == nil ? .quoted : .accepted, acceptedOn: accepted.flatMap { LocalDate(iso: $0) },
                      sessions: 1, value: Money(cents: 100), treatmentNet: Money(cents: 100), addonsPerSession: .zero,
                      addonsPerPackage: .zero, sessionDates: [LocalDate(iso: lastSession)!])
    }

    var description: String { "quoted \(quoted), accepted \(accepted ?? "-"), last session \(lastSession)" }
}
