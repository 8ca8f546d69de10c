import PropertyBased
import Synchronization
import Testing
@testable import Pricing

/// Random rate cards with extreme amounts, counts and dates, and random requests on them:
/// nothing traps; a quote's figures add up; a refusal names a field.
@Suite("Overflow invariants over extreme rate cards (property tests)")
struct OverflowPropertyTests {
    /// An amount in cents up to `limit`, most often at or next to an edge.
    static func amount(_ seed: Int, limit: Int64) -> Int64 {
        switch seed % 6 {
        case 0: return limit
        case 1: return max(0, limit - 1)
        case 2: return 0
        case 3: return min(1, limit)
        default: return Int64(seed) % (limit + 1)
        }
    }

    static func money(_ cents: Int64) -> String { Money(cents: cents).description }

    /// The TOML of a card that the loader must accept: every amount at most
    /// ``RateCardLimits/maxAmount``, counts and day spans up to their limits.
    static func cardText(_ s: [Int]) -> String {
        let cap = RateCardLimits.maxAmount.cents
        let floor = amount(s[0], limit: cap), ceiling = floor + amount(s[1], limit: cap - floor)
        let maxSessions = [1000, 6, 1 + s[2] % 1000][s[3] % 3]
        let spacingMin = 1 + s[4] % 520, spacingMax = spacingMin + s[5] % (521 - spacingMin)
        let validDays = [0, 3650, s[6] % 3651][s[7] % 3]
        let from = ["2026-01-01", "9989-12-31", "0001-01-01", "9999-12-01"][s[8] % 4]
        let fromDate = day(from)
        let validFrom = fromDate.checkedAdding(days: validDays) == nil ? "2026-01-01" : from
        let areaCount = 1 + [s[9] % 5, s[9] % 200][s[10] % 2]
        let addonCount = [0, 1 + s[11] % 5, 1 + s[11] % 200][s[12] % 3]
        var t = """
            schema = 1
            name = "P"
            version = "P"
            currency = "USD"
            effective_from = \(validFrom)

            [rules]
            session_price_floor = \(money(floor))
            session_price_ceiling = \(money(ceiling))
            max_sessions = \(maxSessions)
            spacing_weeks_min = \(spacingMin)
            spacing_weeks_max = \(spacingMax)
            default_spacing_weeks = \(spacingMin)
            quote_valid_days = \(validDays)
            deposit_percent = \(Percent(units: Int64(s[13] % 1_000_001)))
            rounding = "\(s[14] % 2 == 0 ? "half-up" : "half-even")"
            services_taxable = \(s[15] % 2 == 0)

            [tiers.t]
            name = "T"

            [locations.l]
            name = "L"
            tax_rate = \(Percent(units: [1_000_000, Int64(s[16] % 1_000_001)][s[17] % 2]))
            closed_weekdays = [\(Weekday.allCases.filter { (s[18] >> $0.index) & 1 == 1 }.prefix(6).map { "\"\($0.rawValue)\"" }.joined(separator: ", "))]
            rates = { t = \(money(floor + amount(s[19], limit: ceiling - floor))) }

            [[series_discounts]]
            sessions = \(1 + s[20] % maxSessions)
            percent = \(Percent(units: Int64(s[21] % 1_000_001)))

            [promotions.X]
            \(s[22] % 2 == 0 ? "percent = \(Percent(units: Int64(s[23] % 1_000_001)))" : "amount = \(money(amount(s[23], limit: cap)))")

            """
        for i in 0..<areaCount { t += "[areas.a\(i)]\nname = \"A\"\nsurcharge = \(money(amount(s[24] &+ i, limit: cap)))\n" }
        for i in 0..<addonCount {
            t += "[addons.x\(i)]\nname = \"X\"\nprice = \(money(amount(s[25] &+ i, limit: cap)))\n"
            t += "per = \"\((s[26] >> (i % 30)) & 1 == 0 ? "session" : "package")\"\ntaxable = \((s[27] >> (i % 30)) & 1 == 0)\n"
        }
        return t
    }

    /// A request on `card`: every area and add-on or a few, sessions and spacing within
    /// the rules, dates anywhere from the card's start to 9999-12-31.
    static func request(_ s: [Int], card: RateCard) -> QuoteRequest {
        let r = card.rules
        let quoteDate = [card.effectiveFrom, LocalDate.latest, LocalDate(checkedDayNumber: LocalDate.latestDayNumber - s[28] % 4000)!,
                         card.effectiveFrom.checkedAdding(days: s[28] % 1000) ?? card.effectiveFrom][s[29] % 4]
        let startOffset = [0, s[30] % 400, s[30] % 40_000][s[31] % 3]
        return QuoteRequest(requestID: "P", location: "l", tier: "t",
                            areas: s[32] % 2 == 0 ? card.areas.map(\.id) : [card.areas[0].id],
                            sessions: [r.maxSessions, r.minSessions + s[33] % (r.maxSessions - r.minSessions + 1)][s[34] % 2],
                            spacingWeeks: r.spacingWeeksMin + s[35] % (r.spacingWeeksMax - r.spacingWeeksMin + 1),
                            startDate: quoteDate.checkedAdding(days: startOffset) ?? quoteDate,
                            addons: s[36] % 3 == 0 ? [] : card.addons.map(\.id), promo: s[37] % 2 == 0 ? "x" : nil,
                            quoteDate: quoteDate)
    }

    static let seeds = Gen.int(in: 0...Int(Int32.max)).array(of: 38)

    /// The fields a request on a card within the limits may be refused for: its dates
    /// (past 9999-12-31) or a promotion that needs more sessions; never an amount.
    static let dateFields: Set<String> = ["quote_date", "start_date", "spacing_weeks", "sessions", "promo"]

    @Test("a card within the limits loads, and every request on it prices exactly or is refused for a date past 9999-12-31")
    func withinLimits() async {
        let priced = Mutex(0)
        await propertyCheck(count: 100, input: Self.seeds) { s in
            let card: RateCard
            do { card = try RateCard.parse(toml: Self.cardText(s), file: "p.toml") } catch {
                Issue.record("a card within the limits was refused: \(error)")
                return
            }
            let request = Self.request(s, card: card)
            do {
                let q = try QuoteEngine.quote(request, card: card, today: card.effectiveFrom)
                Self.checkFigures(q)
                #expect(q.validUntil <= LocalDate.latest && q.lastSession <= LocalDate.latest)
                priced.withLock { $0 += 1 }
            } catch {
                guard case let PricingError.invalidRequest(field, _, reason) = error else { Issue.record("\(error)"); return }
                #expect(Self.dateFields.contains(field), "\(field): \(reason)")
                #expect(!reason.contains("largest amount"), "an amount overflowed on a valid card: \(field): \(reason)")
            }
        }
        // The generator must reach real quotes, not only date refusals.
        #expect(priced.withLock { $0 } >= 15, "priced \(priced.withLock { $0 }) of 100")
    }

    @Test("cards built in code beyond the limits never trap: figures add up or a field is named")
    func beyondLimits() async {
        let outcomes = Mutex((priced: 0, refused: 0))
        await propertyCheck(count: 300, input: Gen.int64(in: 0...Int64.max).array(of: 8), Self.seeds) { big, s in
            var rules = Rules()
            rules.sessionPriceFloor = .zero
            rules.sessionPriceCeiling = Money(cents: .max)
            rules.maxSessions = 1000
            rules.servicesTaxable = s[0] % 2 == 0
            rules.depositPercent = Percent(units: Int64(s[1] % 1_000_001))
            let location = Location(id: "l", name: "L", taxRate: Percent(units: Int64(s[2] % 1_000_001)), closedWeekdays: [],
                                    rates: ["t": Money(cents: big[0] >> (s[3] % 64))])
            let card = RateCard(
                name: "B", version: "B", currency: "USD", effectiveFrom: day("2026-01-01"), effectiveUntil: nil, rules: rules,
                tiers: [Tier(id: "t", name: "T")], locations: [location],
                areas: [Area(id: "a", name: "A", surcharge: Money(cents: big[1] >> (s[4] % 64))),
                        Area(id: "b", name: "B", surcharge: Money(cents: big[2] >> (s[5] % 64)))],
                seriesDiscounts: [SeriesDiscount(sessions: 1 + s[6] % 1000, percent: Percent(units: Int64(s[7] % 1_000_001)))],
                addons: [Addon(id: "s", name: "S", price: Money(cents: big[3] >> (s[8] % 64)), per: .session, taxable: s[9] % 2 == 0),
                         Addon(id: "p", name: "P", price: Money(cents: big[4] >> (s[10] % 64)), per: .package, taxable: s[11] % 2 == 0)],
                promotions: [s[12] % 2 == 0 ? Promotion(code: "X", benefit: .amount(Money(cents: big[5])))
                                            : Promotion(code: "X", benefit: .percent(Percent(units: Int64(s[13] % 1_000_001))))])
            let request = QuoteRequest(requestID: "B", location: "l", tier: "t", areas: s[14] % 2 == 0 ? ["a", "b"] : ["a"],
                                       sessions: 1 + [s[15] % 1000, s[15] % 6][s[16] % 2], spacingWeeks: 4,
                                       addons: s[17] % 2 == 0 ? ["s", "p"] : [], promo: s[18] % 2 == 0 ? "x" : nil,
                                       quoteDate: day("2026-03-01"))
            do {
                Self.checkFigures(try QuoteEngine.quote(request, card: card, today: day("2026-03-01")))
                outcomes.withLock { $0.priced += 1 }
            } catch {
                guard case let PricingError.invalidRequest(field, _, reason) = error else { Issue.record("\(error)"); return }
                #expect(["areas", "sessions", "promo", "addons"].contains(field))
                #expect(reason.contains("largest amount"), "\(field): \(reason)")
                outcomes.withLock { $0.refused += 1 }
            }
        }
        // Both outcomes must be reached: amounts that fit and amounts that overflow.
        #expect(outcomes.withLock { $0.priced >= 20 && $0.refused >= 20 }, "\(outcomes.withLock { $0 })")
    }

    /// The identities of SPEC section 4, in `Int128` so the check itself cannot overflow.
    static func checkFigures(_ q: Quote) {
        func w(_ m: Money) -> Int128 { Int128(m.cents) }
        #expect(w(q.total) == w(q.treatmentNet) + w(q.addonsTotal) + w(q.tax))
        #expect(w(q.balance) + w(q.deposit) == w(q.total))
        #expect(q.installments.reduce(Int128(0)) { $0 + w($1.amount) } == w(q.balance))
        #expect(w(q.treatmentNet) == w(q.listTotal) - w(q.seriesDiscount) - w(q.promoDiscount))
        #expect(w(q.addonsTotal) == q.addonLines.reduce(Int128(0)) { $0 + w($1.amount) })
        for m in [q.seriesDiscount, q.promoDiscount, q.treatmentNet, q.tax, q.total, q.deposit, q.balance, q.perSessionPrice] {
            #expect(m >= .zero)
        }
        #expect(q.installments.count == q.request.sessions && q.schedule.sessions.count == q.request.sessions)
    }
}
