import PropertyBased
import Testing
@testable import Pricing

/// Arithmetic invariants over random rate cards and requests.
@Suite("Quote invariants (property tests)")
struct QuotePropertyTests {
    /// A random but valid rate card and a request on it, from a handful of integers.
    static func scenario(_ seed: [Int]) -> (RateCard, QuoteRequest) {
        var rules = Rules()
        rules.sessionPriceFloor = Money(cents: Int64(seed[0] % 20_000))
        rules.sessionPriceCeiling = rules.sessionPriceFloor + Money(cents: Int64(seed[1] % 80_000))
        rules.maxSessions = 1 + seed[2] % 8
        rules.depositPercent = Percent(units: Int64(seed[3] % 1_000_001))
        rules.rounding = seed[4] % 2 == 0 ? .halfUp : .halfEven
        rules.servicesTaxable = seed[5] % 2 == 0
        rules.spacingWeeksMin = 1 + seed[6] % 4
        rules.spacingWeeksMax = rules.spacingWeeksMin + seed[7] % 4
        rules.defaultSpacingWeeks = rules.spacingWeeksMin
        let span = max(1, rules.sessionPriceCeiling.cents - rules.sessionPriceFloor.cents + 1)
        let rate = rules.sessionPriceFloor + Money(cents: Int64(seed[8]) % span)
        let closed = Set(Weekday.allCases.enumerated().filter { (seed[9] >> $0.offset) & 1 == 1 }.map(\.element).prefix(6))
        let location = Location(id: "l", name: "L", taxRate: Percent(units: Int64(seed[10] % 300_000)),
                                closedWeekdays: closed, rates: ["t": rate])
        let areas = [Area(id: "a", name: "A", surcharge: Money(cents: Int64(seed[11] % 50_000))),
                     Area(id: "b", name: "B", surcharge: Money(cents: Int64(seed[12] % 50_000)))]
        let series = [SeriesDiscount(sessions: 1 + seed[13] % rules.maxSessions, percent: Percent(units: Int64(seed[14] % 1_000_001)))]
        let addons = [Addon(id: "s", name: "S", price: Money(cents: Int64(seed[15] % 20_000)), per: .session, taxable: seed[16] % 2 == 0),
                      Addon(id: "p", name: "P", price: Money(cents: Int64(seed[17] % 20_000)), per: .package, taxable: seed[18] % 2 == 0)]
        let promo: Promotion = seed[19] % 2 == 0
            ? Promotion(code: "X", benefit: .percent(Percent(units: Int64(seed[20] % 1_000_001))))
            : Promotion(code: "X", benefit: .amount(Money(cents: Int64(seed[20] % 500_000))))
        let card = RateCard(name: "P", version: "p", currency: "USD", effectiveFrom: day("2026-01-01"), effectiveUntil: nil,
                            rules: rules, tiers: [Tier(id: "t", name: "T")], locations: [location], areas: areas,
                            seriesDiscounts: series, addons: addons, promotions: [promo])
        let request = QuoteRequest(requestID: "P", location: "l", tier: "t", areas: seed[21] % 2 == 0 ? ["a"] : ["a", "b"],
                                   sessions: 1 + seed[22] % rules.maxSessions,
                                   spacingWeeks: rules.spacingWeeksMin + seed[23] % (rules.spacingWeeksMax - rules.spacingWeeksMin + 1),
                                   startDate: day("2026-01-01").adding(days: seed[24] % 800),
                                   addons: seed[25] % 2 == 0 ? ["s", "p"] : [], promo: seed[26] % 3 == 0 ? nil : "x",
                                   quoteDate: day("2026-01-01"))
        return (card, request)
    }

    static let seeds = Gen.int(in: 0...Int(Int32.max)).array(of: 27)

    @Test("figures add up, nothing goes negative, and the price stays within the card's range")
    func waterfall() async {
        await propertyCheck(count: 500, input: Self.seeds) { seed in
            let (card, request) = Self.scenario(seed)
            guard let q = try? QuoteEngine.quote(request, card: card, today: day("2026-01-01")) else {
                Issue.record("a valid scenario was rejected: \(seed)")
                return
            }
            #expect(q.total == q.treatmentNet + q.addonsTotal + q.tax)
            #expect(q.balance + q.deposit == q.total)
            for m in [q.seriesDiscount, q.promoDiscount, q.treatmentNet, q.tax, q.total, q.deposit, q.balance, q.perSessionPrice] {
                #expect(m >= .zero)
            }
            #expect(q.treatmentNet <= q.listTotal)
            #expect(q.sessionPrice >= card.rules.sessionPriceFloor && q.sessionPrice <= card.rules.sessionPriceCeiling)
            #expect(q.listTotal == q.sessionPrice * request.sessions)
        }
    }

    @Test("installments add up to the balance and differ by at most one cent, earliest first")
    func installments() async {
        await propertyCheck(count: 500, input: Self.seeds) { seed in
            let (card, request) = Self.scenario(seed)
            guard let q = try? QuoteEngine.quote(request, card: card, today: day("2026-01-01")) else { return }
            let amounts = q.installments.map(\.amount.cents)
            #expect(amounts.count == request.sessions)
            #expect(amounts.reduce(0, +) == q.balance.cents)
            #expect((amounts.max() ?? 0) - (amounts.min() ?? 0) <= 1)
            #expect(amounts == amounts.sorted(by: >))
        }
    }

    @Test("sessions are in order, on open days, and at least the spacing apart minus a closed-day move")
    func schedule() async {
        await propertyCheck(count: 500, input: Self.seeds) { seed in
            let (card, request) = Self.scenario(seed)
            guard let q = try? QuoteEngine.quote(request, card: card, today: day("2026-01-01")) else { return }
            let location = card.locations[0]
            let gap = 7 * q.spacingWeeks
            let maxMove = location.closedWeekdays.count
            for s in q.schedule.sessions {
                #expect(!location.closedWeekdays.contains(s.date.weekday))
                #expect(s.planned.days(to: s.date) >= 0 && s.planned.days(to: s.date) <= maxMove)
            }
            for (a, b) in zip(q.schedule.sessions, q.schedule.sessions.dropFirst()) {
                #expect(a.date < b.date)
                #expect(a.date.days(to: b.date) >= gap - maxMove)
            }
        }
    }

    @Test("a split of any amount adds back up")
    func split() async {
        await propertyCheck(input: Gen.int64(in: 0...10_000_000_000), Gen.int(in: 1...48)) { total, parts in
            let shares = Money(cents: total).split(into: parts)
            #expect(shares.reduce(Money.zero, +) == Money(cents: total))
            #expect(shares.map(\.cents).max()! - shares.map(\.cents).min()! <= 1)
        }
    }

    @Test("rounding lands within half a cent of the exact value")
    func roundingBound() async {
        await propertyCheck(input: Gen.int64(in: 0...1_000_000_000), Gen.int64(in: 0...1_000_000)) { amount, units in
            for mode in RoundingMode.allCases {
                let r = Money(cents: amount).percentage(Percent(units: units), rounding: mode).cents
                // amount x units / 1_000_000 is the exact value in cents; compare in millionths of a cent.
                let exact = Int128(amount) * Int128(units)
                let diff = Int128(r) * 1_000_000 - exact
                #expect(diff <= 500_000 && diff >= -500_000)
            }
        }
    }
}
