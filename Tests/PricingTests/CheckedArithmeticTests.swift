import Testing
@testable import Pricing

/// The checked building blocks: money, rounding and calendar arithmetic at the edges of
/// `Int64` and of 0001-01-01 ... 9999-12-31.
@Suite("Checked arithmetic on money and dates")
struct CheckedArithmeticTests {
    static let overflowing: [(Int64, Int64)] = [(Int64.max, 1), (Int64.max / 2 + 1, Int64.max / 2 + 1), (Int64.min, -1), (Int64.max - 5, 6)]

    @Test("money sums, differences and products that do not fit are nil, never wrapped or saturated", arguments: overflowing)
    func moneyOverflow(a: Int64, b: Int64) {
        let x = Money(cents: a), y = Money(cents: b)
        #expect(x.checkedAdding(y) == nil)
        #expect(x.checkedSubtracting(Money(cents: -b)) == nil)
        #expect(Money.checkedSum([x, y]) == nil)
    }

    static let fitting: [(Int64, Int64)] = [(Int64.max - 1, 1), (0, Int64.max), (Int64.min + 1, -1)]

    @Test("money that fits is exact", arguments: fitting)
    func moneyFits(a: Int64, b: Int64) {
        #expect(Money(cents: a).checkedAdding(Money(cents: b)) == Money(cents: a + b))
        #expect(Money.checkedSum([Money(cents: a), Money(cents: b)]) == Money(cents: a + b))
    }

    static let products: [(Int64, Int, Bool)] = [(Int64.max / 1000 + 1, 1000, false), (Int64.max / 1000, 1000, true),
                                                 (1, Int.max, true), (2, Int.max, false), (-1, Int.max, true)]

    @Test("products of money and a count are checked", arguments: products)
    func moneyProduct(cents: Int64, n: Int, fits: Bool) {
        let p = Money(cents: cents).checkedMultiplied(by: n)
        #expect((p != nil) == fits)
        if let p { #expect(Int128(p.cents) == Int128(cents) * Int128(n)) }
    }

    @Test("percentages of the largest amounts round exactly; above 100% or negative they are nil when they do not fit", arguments: [
        (Int64.max, Int64(1_000_000), Int64.max), (Int64.max, Int64(500_000), Int64.max / 2 + 1), (Int64.max, Int64(0), Int64(0)),
        (Int64.max, Int64(1_000_001), nil), (Int64(-1), Int64(10), nil), (Int64(10), Int64(-1), nil), (Int64.max, Int64.max, nil),
    ] as [(Int64, Int64, Int64?)])
    func percentage(cents: Int64, units: Int64, expected: Int64?) {
        #expect(Money(cents: cents).checkedPercentage(Percent(units: units), rounding: .halfUp)?.cents == expected)
    }

    @Test("rounding converts Int128 to Int64 only when the result fits", arguments: [
        (Int128(Int64.max), Int128(1), Int64.max), (Int128(Int64.max) + 1, Int128(1), nil), (Int128(Int64.max) * 2 + 1, Int128(2), nil),
        (Int128(Int64.max) * 2, Int128(2), Int64.max), (Int128.max, Int128.max, 1), (Int128.max - 1, Int128.max, 1), (Int128(5), Int128(0), nil),
    ] as [(Int128, Int128, Int64?)])
    func divide(n: Int128, d: Int128, expected: Int64?) {
        for mode in RoundingMode.allCases { #expect(mode.checkedDivide(n, by: d) == expected) }
    }

    static let splits: [(Int64, Int)] = [(Int64.max, 1), (Int64.max, 7), (Int64.min, 3), (Int64.min, 1), (-10, 3), (-1, 1000),
                                         (Int64.max - 1, 1000)]

    @Test("a split of any amount, negative and extreme ones included, adds back up", arguments: splits)
    func split(cents: Int64, parts: Int) {
        let shares = Money(cents: cents).split(into: parts)
        #expect(shares.count == parts)
        #expect(shares.reduce(Int128(0)) { $0 + Int128($1.cents) } == Int128(cents))
        #expect(shares.map(\.cents).max()! - shares.map(\.cents).min()! <= 1)
        #expect(shares.map(\.cents) == shares.map(\.cents).sorted(by: >))
    }

    @Test("the first and last dates are 0001-01-01 and 9999-12-31, and nothing is made outside them")
    func dateBounds() {
        #expect(LocalDate.earliest == LocalDate(year: 1, month: 1, day: 1))
        #expect(LocalDate.latest == LocalDate(year: 9999, month: 12, day: 31))
        #expect(LocalDate(checkedDayNumber: LocalDate.latestDayNumber + 1) == nil)
        #expect(LocalDate(checkedDayNumber: LocalDate.earliestDayNumber - 1) == nil)
        #expect(LocalDate.latest.description == "9999-12-31" && LocalDate.earliest.description == "0001-01-01")
    }

    @Test("adding days is refused past either end, whatever the number of days", arguments: [
        ("9999-12-31", 1, nil), ("9999-12-01", 30, "9999-12-31"), ("9999-12-01", 31, nil), ("0001-01-01", -1, nil),
        ("0001-01-31", -30, "0001-01-01"), ("2026-01-01", Int.max, nil), ("2026-01-01", Int.min, nil), ("9999-01-01", 3650, nil),
    ] as [(String, Int, String?)])
    func addingDays(start: String, days: Int, expected: String?) {
        #expect(day(start).checkedAdding(days: days)?.description == expected)
    }

    @Test("weeks times sessions are checked before they are added", arguments: [
        ("9999-12-01", 6, 5, nil), ("9999-12-01", 1, 4, "9999-12-29"), ("2026-01-01", Int.max, 2, nil), ("2026-01-01", 2, Int.max, nil),
        ("2026-01-01", 520, 999, nil), ("2026-01-01", 52, 999, "3021-08-09"),
    ] as [(String, Int, Int, String?)])
    func addingWeeks(start: String, weeks: Int, times: Int, expected: String?) {
        #expect(day(start).checkedAdding(weeks: weeks, times: times)?.description == expected)
    }

    @Test("months step, bound and count across the whole calendar", arguments: [
        ("9999-12", 1, nil), ("9999-11", 1, "9999-12"), ("0001-01", -1, nil), ("0001-01", 119_987, "9999-12"),
        ("0001-01", 119_988, nil), ("2026-11", -24_310, "0001-01"), ("2026-11", -24_311, nil), ("2026-11", Int.max, nil),
    ] as [(String, Int, String?)])
    func months(start: String, months: Int, expected: String?) {
        #expect(YearMonth(iso: start)!.adding(months: months)?.description == expected)
    }

    @Test("the last month has a last day and no next month")
    func lastMonth() {
        let m = YearMonth(iso: "9999-12")!
        #expect(m.next == nil)
        #expect(m.lastDay == LocalDate.latest)
        #expect(YearMonth(iso: "0001-01")!.firstDay == LocalDate.earliest)
        #expect(YearMonth(iso: "0001-01")!.months(to: m) == 119_987)
    }
}
