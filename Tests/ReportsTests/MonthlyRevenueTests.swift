import Pricing
import PropertyBased
import Testing
@testable import Reports

@Suite("Monthly revenue (SPEC section 7)")
struct MonthlyRevenueTests {
    func day(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    func month(_ s: String) -> YearMonth { YearMonth(iso: s)! }
    func money(_ s: String) -> Money { try! Money.parse(s).get() }

    func record(_ id: String = "Q", location: String = "downtown", tier: String = "senior", quoted: String,
                status: QuoteStatus = .accepted, accepted: String? = nil, net: String, perSession: String = "0",
                perPackage: String = "0", sessions: [String]) -> RevenueRecord {
        let value = money(net) + money(perSession) + money(perPackage)
        return RevenueRecord(quoteID: id, location: location, tier: tier, quoteDate: day(quoted), status: status,
                             acceptedOn: accepted.map(day), sessions: sessions.count, value: value,
                             treatmentNet: money(net), addonsPerSession: money(perSession),
                             addonsPerPackage: money(perPackage), sessionDates: sessions.map(day))
    }

    func rows(_ records: [RevenueRecord], from: String, to: String) -> [MonthlyRow] {
        var m = MonthlyRevenue(from: month(from), to: month(to))
        for r in records {
            do { try m.add(r) } catch { Issue.record("record \(r.quoteID) refused: \(error)") }
        }
        return m.rows
    }

    func row(_ rows: [MonthlyRow], _ m: String, _ location: String = MonthlyRow.all) -> MonthlyRow? {
        rows.first { $0.month == month(m) && $0.location == location }
    }

    @Test("sessions held before acceptance are recognized in the month of acceptance")
    func acceptedAfterSession() throws {
        let r = record(quoted: "2026-10-20", accepted: "2026-11-20", net: "300", sessions: ["2026-10-25", "2026-11-22", "2026-12-20"])
        let out = rows([r], from: "2026-10", to: "2026-12")
        #expect(row(out, "2026-10")?.recognizedRevenue == .zero)
        #expect(row(out, "2026-11")?.recognizedRevenue == money("200"))
        #expect(row(out, "2026-12")?.recognizedRevenue == money("100"))
        #expect(row(out, "2026-10")?.deferredRevenueEnd == .zero)      // not accepted yet at the end of October
        #expect(row(out, "2026-11")?.deferredRevenueEnd == money("100"))
        #expect(row(out, "2026-12")?.deferredRevenueEnd == .zero)
    }

    @Test("leftover cents go to the earliest sessions; package add-ons go with session 1")
    func leftoverCents() {
        let r = record(quoted: "2026-11-01", accepted: "2026-11-01", net: "1000.00", perSession: "0.01", perPackage: "89.95",
                       sessions: ["2026-11-02", "2026-12-02", "2027-01-02"])
        // 1000.01 / 3 = 333.33 r 2: 333.34, 333.34, 333.33; package 89.95 with the first.
        #expect(r.recognition.map(\.amount) == [money("423.29"), money("333.34"), money("333.33")])
        let out = rows([r], from: "2026-11", to: "2027-01")
        #expect(out.filter { $0.location == MonthlyRow.all }.map(\.recognizedRevenue) == [money("423.29"), money("333.34"), money("333.33")])
    }

    @Test("declined and never-accepted quotes count as issued only")
    func notAccepted() {
        let declined = record("D", quoted: "2026-11-03", status: .declined, net: "150", sessions: ["2026-11-05"])
        let open = record("O", location: "uptown", quoted: "2026-11-04", status: .quoted, net: "250", sessions: ["2026-11-06"])
        let out = rows([declined, open], from: "2026-11", to: "2026-11")
        let all = row(out, "2026-11")!
        #expect(all.quotesIssued == 2 && all.quotedValue == money("400") && all.quotesAccepted == 0)
        #expect(all.bookedRevenue == .zero && all.recognizedRevenue == .zero && all.deferredRevenueEnd == .zero)
        #expect(all.conversionRate == "0.0000")
        #expect(row(out, "2026-11", "uptown")?.quotesIssued == 1)
    }

    @Test("a month with no activity has only its ALL row, with an empty conversion rate")
    func quietMonth() {
        let r = record(quoted: "2026-11-01", accepted: "2026-11-01", net: "100", sessions: ["2026-11-02"])
        let out = rows([r], from: "2026-11", to: "2027-02")
        let jan = out.filter { $0.month == month("2027-01") }
        #expect(jan.count == 1 && jan[0].location == MonthlyRow.all && jan[0].conversionRate == nil)
        #expect(jan[0].cells.map(\.text) == ["2027-01", "ALL", "ALL", "0", "0.00", "0", "", "0.00", "0", "0.00", "0.00"])
    }

    @Test("a plan spanning a year end recognizes in both years and defers across it")
    func yearEnd() {
        let r = record(quoted: "2026-12-01", accepted: "2026-12-01", net: "900", sessions: ["2026-12-15", "2027-01-12", "2027-02-09"])
        let out = rows([r], from: "2026-12", to: "2027-02")
        #expect(row(out, "2026-12")?.recognizedRevenue == money("300") && row(out, "2026-12")?.deferredRevenueEnd == money("600"))
        #expect(row(out, "2027-01")?.recognizedRevenue == money("300") && row(out, "2027-01")?.deferredRevenueEnd == money("300"))
        #expect(row(out, "2027-02")?.recognizedRevenue == money("300") && row(out, "2027-02")?.deferredRevenueEnd == .zero)
    }

    @Test("conversion counts acceptances so far, rounded to 4 decimals")
    func conversion() {
        let a = record("A", quoted: "2026-11-01", accepted: "2026-12-05", net: "100", sessions: ["2026-12-06"])
        let b = record("B", quoted: "2026-11-02", status: .quoted, net: "100", sessions: ["2026-12-06"])
        let c = record("C", quoted: "2026-11-03", status: .declined, net: "100", sessions: ["2026-12-06"])
        let nov = row(rows([a, b, c], from: "2026-11", to: "2026-12"), "2026-11")!
        #expect(nov.quotesAccepted == 0 && nov.conversionRate == "0.3333")
    }

    @Test("rows are sorted by month, location, tier, ALL first")
    func sorting() {
        let out = rows([record("1", location: "uptown", tier: "b", quoted: "2026-11-01", status: .quoted, net: "1", sessions: ["2026-11-01"]),
                        record("2", location: "downtown", tier: "z", quoted: "2026-11-01", status: .quoted, net: "1", sessions: ["2026-11-01"]),
                        record("3", location: "downtown", tier: "a", quoted: "2026-11-01", status: .quoted, net: "1", sessions: ["2026-11-01"])],
                       from: "2026-11", to: "2026-11")
        #expect(out.map { "\($0.location)/\($0.tier)" } == ["ALL/ALL", "downtown/a", "downtown/z", "uptown/b"])
    }

    /// 50,000 generated quotes over a year: every accepted quote's value is recognized
    /// within the report's range, so recognized revenue over all months equals booked.
    @Test("over a year of 50,000 quotes, recognized revenue adds up to booked revenue to the cent")
    func fiftyThousand() throws {
        var state: UInt64 = 99
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var m = MonthlyRevenue(from: month("2026-01"), to: month("2027-12"))
        var booked = Money.zero, value = Money.zero
        for i in 0..<50_000 {
            let quoted = day("2026-01-01").adding(days: next(365))
            let sessions = 1 + next(6)
            let start = quoted.adding(days: next(30))
            let dates = (0..<sessions).map { start.adding(days: 28 * $0 + next(3)) }
            let status: QuoteStatus = [.quoted, .accepted, .accepted, .declined][next(4)]
            let accepted = status == .accepted ? quoted.adding(days: next(60)) : nil
            let r = RevenueRecord(quoteID: "G\(i)", location: ["a", "b", "c"][next(3)], tier: ["x", "y"][next(2)],
                                  quoteDate: quoted, status: status, acceptedOn: accepted, sessions: sessions,
                                  value: Money(cents: 0), treatmentNet: Money(cents: Int64(next(500_000))),
                                  addonsPerSession: Money(cents: Int64(next(10_000))), addonsPerPackage: Money(cents: Int64(next(9_000))),
                                  sessionDates: dates)
            var withValue = r
            withValue.value = r.treatmentNet + r.addonsPerSession + r.addonsPerPackage
            try m.add(withValue)
            if status == .accepted { booked += withValue.value }
            value += withValue.value
        }
        let totals = m.totals
        #expect(totals.reduce(Money.zero) { $0 + $1.bookedRevenue } == booked)
        #expect(totals.reduce(Money.zero) { $0 + $1.recognizedRevenue } == booked)
        #expect(totals.last?.deferredRevenueEnd == .zero)
        #expect(totals.reduce(Money.zero) { $0 + $1.quotedValue } == value)
        // Each month, the ALL row is the sum of its location x tier rows.
        for t in totals {
            let parts = m.rows.filter { $0.month == t.month && $0.location != MonthlyRow.all }
            #expect(parts.reduce(Money.zero) { $0 + $1.recognizedRevenue } == t.recognizedRevenue)
            #expect(parts.reduce(Money.zero) { $0 + $1.deferredRevenueEnd } == t.deferredRevenueEnd)
        }
    }

    @Test("recognition shares always add up to the value (property)")
    func recognitionAddsUp() async {
        await propertyCheck(input: Gen.int64(in: 0...100_000_000), Gen.int64(in: 0...100_000), Gen.int64(in: 0...100_000), Gen.int(in: 1...6)) { net, perSession, perPackage, n in
            let r = RevenueRecord(quoteID: "P", location: "l", tier: "t", quoteDate: day("2026-01-01"), status: .accepted,
                                  acceptedOn: day("2026-02-01"), sessions: n, value: Money(cents: net + perSession + perPackage),
                                  treatmentNet: Money(cents: net), addonsPerSession: Money(cents: perSession),
                                  addonsPerPackage: Money(cents: perPackage),
                                  sessionDates: (0..<n).map { day("2026-01-10").adding(days: 35 * $0) })
            #expect(r.recognition.reduce(Money.zero) { $0 + $1.amount } == r.value)
            #expect(r.recognition.allSatisfy { $0.day >= day("2026-02-01") })
        }
    }
}
