import Pricing
import PropertyBased
import Testing
@testable import Reports

/// Issue 10: monthly revenue over ranges before, around and after every quote date,
/// acceptance and session, up to 0001-01 ... 9999-12, checked against an independent
/// month-by-month count; sums too large to hold are errors naming the month.
@Suite("Monthly revenue over any range of months")
struct MonthlyRangeTests {
    static func day(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    static func month(_ s: String) -> YearMonth { YearMonth(iso: s)! }

    static func record(_ id: String, _ location: String = "downtown", quoted: String, accepted: String?,
                       status: QuoteStatus = .accepted, cents: Int64 = 100_000, package: Int64 = 8_995,
                       sessions: [String]) -> RevenueRecord {
        RevenueRecord(quoteID: id, location: location, tier: "senior", quoteDate: day(quoted), status: status,
                      acceptedOn: accepted.map(day), sessions: sessions.count, value: Money(cents: cents + package),
                      treatmentNet: Money(cents: cents), addonsPerSession: .zero, addonsPerPackage: Money(cents: package),
                      sessionDates: sessions.map(day))
    }

    /// The month-by-month count SPEC section 7 describes, record by record and month by
    /// month (no running sums, no index arithmetic), in the report's order.
    static func expected(_ records: [RevenueRecord], from: YearMonth, to: YearMonth) -> [MonthlyRow] {
        var out: [MonthlyRow] = []
        let keys = Set(records.map { "\($0.location)/\($0.tier)" }).sorted()
        var m: YearMonth? = from
        while let month = m, month <= to {
            var all = MonthlyRow(month: month, location: MonthlyRow.all, tier: MonthlyRow.all)
            for key in keys {
                let parts = key.split(separator: "/").map(String.init)
                var row = MonthlyRow(month: month, location: parts[0], tier: parts[1])
                for r in records where "\(r.location)/\(r.tier)" == key { count(r, in: month, into: &row) }
                for (path, value) in [(\MonthlyRow.quotesIssued, row.quotesIssued), (\.issuedAndAccepted, row.issuedAndAccepted),
                                      (\.quotesAccepted, row.quotesAccepted), (\.sessionsBooked, row.sessionsBooked)] {
                    all[keyPath: path] += value
                }
                all.quotedValue += row.quotedValue; all.bookedRevenue += row.bookedRevenue
                all.recognizedRevenue += row.recognizedRevenue; all.deferredRevenueEnd += row.deferredRevenueEnd
                if row.hasActivity { out.append(row) }
            }
            out.append(all)
            m = month.next
        }
        return out.sorted { ($0.month, $0.location, $0.tier) < ($1.month, $1.location, $1.tier) }
    }

    static func count(_ r: RevenueRecord, in month: YearMonth, into row: inout MonthlyRow) {
        let accepted = r.status == .accepted ? r.acceptedOn : nil
        if r.quoteDate.yearMonth == month {
            row.quotesIssued += 1; row.quotedValue += r.value
            if accepted != nil { row.issuedAndAccepted += 1 }
        }
        guard let accepted else { return }
        if accepted.yearMonth == month {
            row.quotesAccepted += 1; row.bookedRevenue += r.value; row.sessionsBooked += r.sessions
        }
        let shares = r.recognition
        row.recognizedRevenue += shares.filter { $0.day.yearMonth == month }.reduce(Money.zero) { $0 + $1.amount }
        if accepted <= month.lastDay {
            row.deferredRevenueEnd += r.value - shares.filter { $0.day <= month.lastDay }.reduce(Money.zero) { $0 + $1.amount }
        }
    }

    static func report(_ records: [RevenueRecord], from: YearMonth, to: YearMonth) throws -> MonthlyRevenue {
        var m = MonthlyRevenue(from: from, to: to)
        for r in records { try m.add(r) }
        return m
    }

    @Test("the issue's report: a quote accepted two months after the range no longer crashes it")
    func acceptedAfterRange() throws {
        let o1 = Self.record("O1", quoted: "2026-10-05", accepted: "2026-10-06", sessions: ["2026-10-06", "2026-11-03", "2026-12-01"])
        let d1 = Self.record("D1", quoted: "2026-12-05", accepted: "2026-12-06", sessions: ["2026-12-07", "2027-01-04", "2027-02-01"])
        let rows = try Self.report([o1, d1], from: Self.month("2026-10"), to: Self.month("2026-10")).rows
        #expect(rows == Self.expected([o1, d1], from: Self.month("2026-10"), to: Self.month("2026-10")))
        #expect(rows.first?.quotesIssued == 1 && rows.first?.bookedRevenue == o1.value)
    }

    /// Quotes around the year, at both ends of the calendar, accepted before, between and
    /// after their sessions, and never.
    static let records = [
        record("A", quoted: "2026-10-05", accepted: "2026-10-06", sessions: ["2026-10-06", "2026-11-03", "2026-12-01"]),
        record("B", quoted: "2026-12-05", accepted: "2027-02-20", sessions: ["2026-12-07", "2027-01-04", "2027-03-01"]),
        record("C", "uptown", quoted: "2026-11-30", accepted: "2026-11-30", cents: 1, package: 0, sessions: ["2028-01-01", "2031-06-30"]),
        record("D", quoted: "2026-11-02", accepted: nil, status: .declined, sessions: ["2026-12-01"]),
        record("E", "uptown", quoted: "0001-01-01", accepted: "0001-02-28", sessions: ["0001-01-01", "0001-03-01"]),
        record("F", quoted: "9999-11-30", accepted: "9999-12-31", sessions: ["9999-12-01", "9999-12-31"]),
        record("G", quoted: "2026-11-15", accepted: "2027-01-10", status: .quoted, sessions: ["2027-01-11"]),
    ]

    static let ranges: [(String, String)] = [
        ("2026-10", "2026-10"), ("2026-11", "2026-11"), ("2026-12", "2026-12"), ("2027-01", "2027-02"), ("2027-03", "2027-04"),
        ("2026-01", "2026-09"), ("2025-01", "2026-10"), ("2027-04", "2031-12"), ("2031-07", "2032-01"), ("2026-09", "2031-07"),
        ("0001-01", "0001-01"), ("0001-02", "0001-12"), ("9999-12", "9999-12"), ("9999-01", "9999-11"), ("0001-01", "9999-12"),
    ]

    @Test("ranges before, around and after every quote date, acceptance and session match an independent count",
          arguments: ranges)
    func aroundEveryDate(from: String, to: String) throws {
        let (a, b) = (Self.month(from), Self.month(to))
        let report = try Self.report(Self.records, from: a, to: b)
        let rows = report.rows
        #expect(rows.count >= report.months.count)
        #expect(rows == Self.expected(Self.records, from: a, to: b))
    }

    @Test("over the whole calendar every accepted value is recognized and nothing stays deferred")
    func wholeCalendar() throws {
        let report = try Self.report(Self.records, from: Self.month("0001-01"), to: Self.month("9999-12"))
        let totals = report.totals
        #expect(totals.count == 119_988)
        let booked = totals.reduce(Money.zero) { $0 + $1.bookedRevenue }
        #expect(booked == Self.records.filter { $0.status == .accepted }.reduce(Money.zero) { $0 + $1.value })
        #expect(totals.reduce(Money.zero) { $0 + $1.recognizedRevenue } == booked)
        #expect(totals.last?.deferredRevenueEnd == .zero)
    }

    /// A random record: dates near the start, the middle or the end of the calendar.
    static func randomRecord(_ s: [Int], _ i: Int, era: Int? = nil) -> RevenueRecord {
        let base = [LocalDate.earliest, day("2026-01-01"), LocalDate(checkedDayNumber: LocalDate.latestDayNumber - 1400)!][(era ?? s[0]) % 3]
        let quoted = base.checkedAdding(days: s[1] % 800)!
        let accepted = quoted.checkedAdding(days: [0, s[2] % 120, s[2] % 400][s[3] % 3])!
        let start = quoted.checkedAdding(days: s[4] % 60)!
        let sessions = (0..<(1 + s[5] % 6)).map { start.checkedAdding(days: 28 * $0 * (1 + s[6] % 3))! }
        let status: QuoteStatus = [.accepted, .accepted, .quoted, .declined][s[7] % 4]
        let net = Int64(s[8] % 5_000_000), perSession = Int64(s[9] % 10_000), perPackage = Int64(s[10] % 9_000)
        return RevenueRecord(quoteID: "R\(i)", location: ["a", "b"][s[11] % 2], tier: ["x", "y"][s[12] % 2], quoteDate: quoted,
                             status: status, acceptedOn: status == .accepted ? accepted : nil, sessions: sessions.count,
                             value: Money(cents: net + perSession + perPackage), treatmentNet: Money(cents: net),
                             addonsPerSession: Money(cents: perSession), addonsPerPackage: Money(cents: perPackage),
                             sessionDates: sessions)
    }

    @Test("random records and random ranges: no trap, and every row matches the independent count (property)")
    func randomRanges() async {
        let gen = Gen.int(in: 0...Int(Int32.max)).array(of: 13).array(of: 1...12)
        await propertyCheck(count: 60, input: gen, Gen.int(in: 0...Int(Int32.max)).array(of: 4)) { seeds, r in
            let records = seeds.enumerated().map { Self.randomRecord($0.element, $0.offset) }
            // Around one of the records' dates: its quote, acceptance or a session.
            let pick = records[r[0] % records.count]
            let anchor = [pick.quoteDate, pick.acceptedOn ?? pick.quoteDate, pick.sessionDates.last!][r[1] % 3].yearMonth
            let from = anchor.adding(months: -(r[2] % 30)) ?? YearMonth(iso: "0001-01")!
            let to = from.adding(months: r[3] % 40) ?? YearMonth(iso: "9999-12")!
            do {
                let report = try Self.report(records, from: from, to: to)
                #expect(report.rows == Self.expected(records, from: from, to: to))
            } catch {
                Issue.record("small amounts were refused: \(error)")
            }
        }
    }

    /// (Records of one era a run, so the range spans a few years, not the whole calendar:
    /// ``wholeCalendar()`` covers that.)
    @Test("a range covering every date recognizes exactly what was booked (property)")
    func coveringRange() async {
        let gen = Gen.int(in: 0...Int(Int32.max)).array(of: 13).array(of: 1...30)
        await propertyCheck(count: 60, input: gen, Gen.int(in: 0...2)) { seeds, era in
            let records = seeds.enumerated().map { Self.randomRecord($0.element, $0.offset, era: era) }
            let dates = records.flatMap { [$0.quoteDate] + ($0.acceptedOn.map { [$0] } ?? []) + $0.sessionDates }
            guard let report = try? Self.report(records, from: dates.min()!.yearMonth, to: dates.max()!.yearMonth) else {
                Issue.record("small amounts were refused")
                return
            }
            let totals = report.totals
            let booked = records.filter { $0.status == .accepted }.reduce(Money.zero) { $0 + $1.value }
            #expect(totals.reduce(Money.zero) { $0 + $1.bookedRevenue } == booked)
            #expect(totals.reduce(Money.zero) { $0 + $1.recognizedRevenue } == booked)
            #expect(totals.last?.deferredRevenueEnd == .zero)
        }
    }

    static let third = Int64.max / 3 + 1

    @Test("a sum too large to hold is an error naming the month and column, never a trap", arguments: [
        // Three large quotes issued in one month (not accepted): quoted_value.
        ([("2026-11-02", nil), ("2026-11-03", nil), ("2026-11-04", nil)], "2026-11", "2026-11", "quoted_value"),
        // Issued in different months: the report's total would not hold them.
        ([("2026-10-02", nil), ("2026-11-03", nil), ("2026-12-04", nil)], "2026-10", "2026-12", "quoted_value"),
        // Accepted before the range: deferred revenue at its start.
        ([("2026-01-02", "2026-01-02"), ("2026-01-03", "2026-01-03"), ("2026-01-04", "2026-01-04")], "2026-10", "2026-12",
         "deferred_revenue_end"),
    ] as [([(String, String?)], String, String, String)])
    func sumTooLarge(quotes: [(String, String?)], from: String, to: String, column: String) {
        let records = quotes.enumerated().map { i, q in
            RevenueRecord(quoteID: "Q\(i)", location: "l", tier: "t", quoteDate: Self.day(q.0), status: q.1 == nil ? .quoted : .accepted,
                          acceptedOn: q.1.map(Self.day), sessions: 1, value: Money(cents: Self.third),
                          treatmentNet: Money(cents: Self.third), addonsPerSession: .zero, addonsPerPackage: .zero,
                          sessionDates: [Self.day("2027-06-01")])
        }
        #expect {
            _ = try Self.report(records, from: Self.month(from), to: Self.month(to))
        } throws: { error in
            guard case let ReportError.reportSumTooLarge(month, c) = error else { return false }
            return c == column && Self.month(month) >= Self.month("2026-01") && "\(error)".contains(month)
        }
    }

    /// (value, treatment_net, sessions), with 0.01 of per-session add-ons.
    static let damaged: [(Int64, Int64, Int)] = [(-1, -1, 1), (100, 98, 1), (Int64.min, Int64.min, 1), (11, 10, -1),
                                                 (Int64.max, Int64.max, 1), (0, -1, 1)]

    @Test("a record whose figures are negative or do not add up is refused naming the quote", arguments: damaged)
    func unusable(value: Int64, net: Int64, sessions: Int) {
        let r = RevenueRecord(quoteID: "BAD", location: "l", tier: "t", quoteDate: Self.day("2026-11-01"), status: .accepted,
                              acceptedOn: Self.day("2026-11-01"), sessions: sessions, value: Money(cents: value),
                              treatmentNet: Money(cents: net), addonsPerSession: Money(cents: 1), addonsPerPackage: .zero,
                              sessionDates: [Self.day("2026-11-02")])
        #expect(r.recognition.isEmpty)
        #expect {
            _ = try Self.report([r], from: Self.month("2026-11"), to: Self.month("2026-11"))
        } throws: { error in
            guard case ReportError.unusableRevenueRecord(quoteID: "BAD", _) = error else { return false }
            return "\(error)".contains("BAD")
        }
    }
}
