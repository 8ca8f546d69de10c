import Testing
@testable import Pricing

/// Issue 10, crashes: amounts a card may hold, overflow in the engine, and dates near
/// 9999-12-31. Every case is either refused naming its key or field, or priced.
@Suite("Arithmetic limits: rate card amounts, overflow and the last date")
struct ArithmeticLimitTests {
    /// The base fixture with one money key set to `amount` (the ceiling raised to the
    /// limit so a large rate is not refused for being above it).
    static func card(_ key: String, _ amount: String) -> String {
        var text = Fixture.text("base.toml")
        func replace(_ old: String, _ new: String) { text = text.replacingOccurrences(of: old, with: new) }
        switch key {
        case "locations.downtown.rates.senior":
            replace("deposit_percent = 20", "deposit_percent = 20\nsession_price_ceiling = 1000000000")
            replace("senior = 375", "senior = \(amount)")
        case "areas.face.surcharge": replace("surcharge = 0", "surcharge = \(amount)")
        case "addons.kit.price": replace("price = 89.95", "price = \(amount)")
        case "promotions.SAVE10.amount": replace("[promotions.SAVE10]\npercent = 10", "[promotions.SAVE10]\namount = \(amount)")
        case "rules.session_price_floor":
            replace("deposit_percent = 20", "deposit_percent = 20\nsession_price_floor = 100\nsession_price_ceiling = 1000000000")
            replace("session_price_floor = 100", "session_price_floor = \(amount)")
            replace("associate = 250, senior = 375", "associate = \(amount), senior = \(amount)")
        case "rules.session_price_ceiling": replace("deposit_percent = 20", "deposit_percent = 20\nsession_price_ceiling = \(amount)")
        default: Issue.record("no such key \(key)")
        }
        return text
    }

    static let moneyKeys = ["locations.downtown.rates.senior", "areas.face.surcharge", "addons.kit.price",
                            "promotions.SAVE10.amount", "rules.session_price_floor", "rules.session_price_ceiling"]

    @Test("an amount above 1,000,000,000.00 in any money key is refused, naming the key",
          arguments: moneyKeys, ["1000000000.01", "90000000000000000", "92233720368547758.07", "\"99999999999999999999\""])
    func amountAboveLimit(key: String, amount: String) {
        #expect {
            try RateCard.parse(toml: Self.card(key, amount), file: "limit.toml")
        } throws: { error in
            guard case let PricingError.rateCardInvalid(_, problems) = error else { return false }
            return problems.contains { $0.keyPath == key && ($0.message.contains("largest amount") || $0.message.contains("too large")) }
        }
    }

    @Test("an amount of exactly 1,000,000,000.00 in any money key loads and prices the longest plan",
          arguments: moneyKeys)
    func amountAtLimit(key: String) throws {
        let card = try RateCard.parse(toml: Self.card(key, "1000000000"), file: "limit.toml")
        for promo in [nil, "SAVE10"] {
            let request = QuoteRequest(requestID: "L", location: "downtown", tier: "senior", areas: ["face"], sessions: 6,
                                       addons: ["kit"], promo: promo, quoteDate: day("2026-02-10"))
            let q = try QuoteEngine.quote(request, card: card, today: day("2026-02-10"))
            #expect(q.total == q.treatmentNet + q.addonsTotal + q.tax)
            #expect(q.installments.reduce(Money.zero) { $0 + $1.amount } == q.balance)
        }
    }

    /// A card at every limit at once: 1,000 areas and 1,000 per-session taxable add-ons
    /// at 1,000,000,000.00, 1,000 sessions, rates at the ceiling, 100% tax and deposit.
    static func cardAtEveryLimit(areas: Int = RateCardLimits.maxAreas, addons: Int = RateCardLimits.maxAddons) -> String {
        var text = """
            schema = 1
            name = "Limits"
            version = "L"
            currency = "USD"
            effective_from = 2026-01-01

            [rules]
            session_price_floor = 1000000000
            session_price_ceiling = 1000000000
            max_sessions = 1000
            spacing_weeks_min = 1
            default_spacing_weeks = 1
            quote_valid_days = 3650
            deposit_percent = 100
            services_taxable = true

            [tiers.t]
            name = "T"

            [locations.l]
            name = "L"
            tax_rate = 100
            rates = { t = 1000000000 }

            """
        for i in 0..<areas { text += "[areas.a\(i)]\nname = \"A\"\nsurcharge = 1000000000\n" }
        for i in 0..<addons { text += "[addons.s\(i)]\nname = \"S\"\nprice = 1000000000\nper = \"session\"\ntaxable = true\n" }
        return text
    }

    @Test("a card at every limit prices its largest plan without overflow, and figures add up")
    func everyLimitAtOnce() throws {
        let card = try RateCard.parse(toml: Self.cardAtEveryLimit(), file: "limits.toml")
        let request = QuoteRequest(requestID: "MAX", location: "l", tier: "t", areas: card.areas.map(\.id), sessions: 1000,
                                   addons: card.addons.map(\.id), quoteDate: day("2026-01-01"))
        let q = try QuoteEngine.quote(request, card: card, today: day("2026-01-01"))
        #expect(q.sessionListPrice == Money(cents: 100_000_000_000 * 1001))
        #expect(q.addonsTotal == Money(cents: 100_000_000_000 * 1000 * 1000))
        #expect(q.total == q.treatmentNet + q.addonsTotal + q.tax)
        #expect(q.total.cents < Int64.max / 40)
        #expect(q.deposit == q.total && q.balance == .zero)
        #expect(q.installments.count == 1000)
    }

    @Test("more areas or add-ons than a card may hold are refused, naming the table",
          arguments: [(1001, 0, "areas"), (1, 1001, "addons"), (1500, 1200, "areas")])
    func tooManyEntries(areas: Int, addons: Int, key: String) {
        #expect {
            try RateCard.parse(toml: Self.cardAtEveryLimit(areas: areas, addons: addons), file: "many.toml")
        } throws: { error in
            guard case let PricingError.rateCardInvalid(_, problems) = error else { return false }
            return problems.contains { $0.keyPath == key && $0.message.contains("more than") }
        }
    }

    // MARK: the engine's second line of defence (cards built in code, beyond the limits)

    static func wildCard(rate: Int64 = 50_000, ceiling: Int64 = 70_000, surcharges: [Int64] = [0],
                         addons: [(Int64, Addon.Per, Bool)] = [], tax: Int64 = 0, servicesTaxable: Bool = false,
                         promo: Promotion.Benefit? = nil) -> RateCard {
        var rules = Rules()
        rules.sessionPriceCeiling = Money(cents: ceiling)
        rules.maxSessions = 1000
        rules.servicesTaxable = servicesTaxable
        rules.depositPercent = Percent(whole: 30)
        let location = Location(id: "l", name: "L", taxRate: Percent(units: tax), closedWeekdays: [], rates: ["t": Money(cents: rate)])
        return RateCard(name: "W", version: "W", currency: "USD", effectiveFrom: day("2026-01-01"), effectiveUntil: nil,
                        rules: rules, tiers: [Tier(id: "t", name: "T")], locations: [location],
                        areas: surcharges.enumerated().map { Area(id: "a\($0.offset)", name: "A", surcharge: Money(cents: $0.element)) },
                        seriesDiscounts: [SeriesDiscount(sessions: 2, percent: Percent(units: 333_333))],
                        addons: addons.enumerated().map { Addon(id: "x\($0.offset)", name: "X", price: Money(cents: $0.element.0),
                                                                per: $0.element.1, taxable: $0.element.2) },
                        promotions: promo.map { [Promotion(code: "P", benefit: $0)] } ?? [])
    }

    static let half = Int64.max / 2 + 1

    @Test("a request whose arithmetic would overflow is refused naming the field, never a trap", arguments: [
        (wildCard(surcharges: [half, half]), 1, "areas"),
        (wildCard(surcharges: [.max, 1]), 1, "areas"),
        (wildCard(rate: half, ceiling: .max), 2, "sessions"),
        (wildCard(rate: Int64.max / 999, ceiling: .max), 1000, "sessions"),
        (wildCard(addons: [(half, .session, false)]), 2, "addons"),
        (wildCard(addons: [(half, .package, false), (half, .package, true)]), 1, "addons"),
        (wildCard(addons: [(Int64.max / 2, .package, true)], tax: 1_000_000, servicesTaxable: true), 1, "addons"),
        (wildCard(rate: Int64.max / 2, ceiling: .max, addons: [(Int64.max / 3, .package, false)], tax: 1_000_000,
                  servicesTaxable: true), 1, "addons"),
        (wildCard(rate: half, ceiling: .max, tax: 1_000_000, servicesTaxable: true), 1, "sessions"),
    ])
    func overflowRejected(card: RateCard, sessions: Int, field: String) {
        let request = QuoteRequest(requestID: "O", location: "l", tier: "t", areas: card.areas.map(\.id), sessions: sessions,
                                   addons: card.addons.map(\.id), quoteDate: day("2026-03-01"))
        #expect {
            try QuoteEngine.quote(request, card: card, today: day("2026-03-01"))
        } throws: { error in
            guard case let PricingError.invalidRequest(f, _, reason) = error else { return false }
            return f == field && reason.contains("largest amount")
        }
    }

    @Test("large amounts that still fit price exactly, a huge promotion amount included", arguments: [
        (wildCard(rate: Int64.max / 1000, ceiling: .max), 1000),
        (wildCard(promo: .amount(Money(cents: .max))), 3),
        (wildCard(rate: Int64.max / 4, ceiling: .max, promo: .percent(Percent(whole: 100))), 1),
        (wildCard(addons: [(Int64.max / 2, .package, false)]), 1),
    ])
    func largeButFits(card: RateCard, sessions: Int) throws {
        let request = QuoteRequest(requestID: "F", location: "l", tier: "t", areas: card.areas.map(\.id), sessions: sessions,
                                   addons: card.addons.map(\.id), promo: card.promotions.isEmpty ? nil : "P", quoteDate: day("2026-03-01"))
        let q = try QuoteEngine.quote(request, card: card, today: day("2026-03-01"))
        #expect(q.total == q.treatmentNet + q.addonsTotal + q.tax)
        #expect(q.installments.reduce(Money.zero) { $0 + $1.amount } == q.balance)
        #expect(q.treatmentNet >= .zero && q.balance >= .zero)
    }

    // MARK: dates near 9999-12-31 (a Friday)

    /// The base card without an end date, closed on `closed`, valid for `validDays` days.
    static func openEndedCard(closed: [String] = ["sunday"], validDays: Int = 30) throws -> RateCard {
        let text = Fixture.text("base.toml")
            .replacingOccurrences(of: "effective_until = 2026-12-31\n", with: "")
            .replacingOccurrences(of: "closed_weekdays = [\"sunday\"]", with: "closed_weekdays = [\(closed.map { "\"\($0)\"" }.joined(separator: ", "))]")
            .replacingOccurrences(of: "deposit_percent = 20", with: "deposit_percent = 20\nquote_valid_days = \(validDays)\nspacing_weeks_min = 1")
        return try RateCard.parse(toml: text, file: "open-ended.toml")
    }

    struct DateCase: Sendable, CustomTestStringConvertible {
        var closed: [String] = ["sunday"]
        var validDays = 30
        var quoteDate: String
        var start: String?
        var sessions = 1
        var spacing: Int?
        var field: String
        var testDescription: String { "\(field): quote \(quoteDate) start \(start ?? "-") x\(sessions) every \(spacing.map(String.init) ?? "-")" }
    }

    @Test("a date past 9999-12-31 is refused naming the field, never wrapped to year 0000", arguments: [
        DateCase(quoteDate: "9999-12-31", field: "quote_date"),                                   // valid_until
        DateCase(quoteDate: "9999-12-02", field: "quote_date"),
        DateCase(validDays: 3650, quoteDate: "9990-01-03", field: "quote_date"),
        DateCase(validDays: 0, quoteDate: "9999-11-01", start: "9999-12-01", sessions: 6, spacing: 6, field: "spacing_weeks"),
        DateCase(validDays: 0, quoteDate: "9999-12-01", start: "9999-12-01", sessions: 6, spacing: 1, field: "spacing_weeks"),
        DateCase(validDays: 0, quoteDate: "9999-12-10", start: "9999-12-10", sessions: 2, field: "sessions"),  // default 4 weeks
        DateCase(validDays: 0, quoteDate: "9999-12-10", sessions: 6, field: "sessions"),
        DateCase(closed: ["friday"], validDays: 0, quoteDate: "9999-12-30", start: "9999-12-31", field: "start_date"),
        DateCase(closed: ["friday"], validDays: 0, quoteDate: "9999-12-31", field: "quote_date"),   // closed-day move, start defaulted
        DateCase(closed: ["thursday", "friday"], validDays: 0, quoteDate: "9999-12-30", start: "9999-12-30", field: "start_date"),
        DateCase(closed: ["friday"], validDays: 0, quoteDate: "9999-11-01", start: "9999-12-03", sessions: 5, spacing: 1, field: "spacing_weeks"),
    ])
    func pastLastDate(c: DateCase) throws {
        let card = try Self.openEndedCard(closed: c.closed, validDays: c.validDays)
        let request = QuoteRequest(requestID: "D", location: "downtown", tier: "senior", areas: ["face"], sessions: c.sessions,
                                   spacingWeeks: c.spacing, startDate: c.start.map(day), quoteDate: day(c.quoteDate))
        #expect {
            try QuoteEngine.quote(request, card: card, today: day("2026-01-01"))
        } throws: { error in
            guard case let PricingError.invalidRequest(field, _, reason) = error else { return false }
            return field == c.field && reason.contains("9999-12-31")
        }
    }

    @Test("plans that end on 9999-12-31 itself are priced", arguments: [
        DateCase(validDays: 0, quoteDate: "9999-12-31", field: ""),
        DateCase(validDays: 30, quoteDate: "9999-12-01", start: "9999-12-03", sessions: 5, spacing: 1, field: ""),
        DateCase(closed: ["thursday"], validDays: 0, quoteDate: "9999-12-30", start: "9999-12-30", field: ""),
        DateCase(validDays: 3650, quoteDate: "9990-01-01", start: "9990-01-01", sessions: 6, spacing: 1, field: ""),
    ])
    func endingOnLastDate(c: DateCase) throws {
        let card = try Self.openEndedCard(closed: c.closed, validDays: c.validDays)
        let request = QuoteRequest(requestID: "D", location: "downtown", tier: "senior", areas: ["face"], sessions: c.sessions,
                                   spacingWeeks: c.spacing, startDate: c.start.map(day), quoteDate: day(c.quoteDate))
        let q = try QuoteEngine.quote(request, card: card, today: day("2026-01-01"))
        #expect(q.validUntil <= LocalDate.latest && q.lastSession <= LocalDate.latest)
        #expect(q.validUntil.description.hasPrefix("99") && q.lastSession.description.hasPrefix("99"))
    }
}
