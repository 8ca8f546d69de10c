import Testing
@testable import Pricing

@Suite("The quote engine (SPEC section 4)")
struct QuoteEngineTests {
    let card = Fixture.examplesCard

    func quote(_ location: String = "downtown", _ tier: String = "senior", areas: [String] = ["face"], sessions: Int = 3,
               spacing: Int? = nil, start: String? = nil, addons: [String] = [], promo: String? = nil,
               on date: String = "2026-11-01", card: RateCard? = nil) throws -> Quote {
        let r = QuoteRequest(requestID: "T", location: location, tier: tier, areas: areas, sessions: sessions,
                             spacingWeeks: spacing, startDate: start.map(day), addons: addons, promo: promo,
                             quoteDate: day(date))
        return try QuoteEngine.quote(r, card: card ?? self.card, today: day("2026-11-01"))
    }

    @Test("EX1: amount promotion, taxable kit, deposit and equal installments")
    func ex1() throws {
        let q = try quote(areas: ["face", "neck"], start: "2026-11-02", addons: ["aftercare_kit"], promo: "NEWCLIENT50")
        #expect(q.sessionListPrice == cents("470") && q.listTotal == cents("1410"))
        #expect(q.seriesDiscount == cents("141") && q.promoDiscount == cents("50") && q.treatmentNet == cents("1219"))
        #expect(q.tax == cents("7.98") && q.total == cents("1316.93"))
        #expect(q.deposit == cents("263.39") && q.balance == cents("1053.54"))
        #expect(q.installments.map(\.amount) == [cents("351.18"), cents("351.18"), cents("351.18")])
        #expect(q.perSessionPrice == cents("406.33"))
        #expect(q.firstSession == day("2026-11-02") && q.lastSession == day("2026-12-28"))
        #expect(q.validUntil == day("2026-12-01"))
        #expect(q.rateCardVersion == "2026.4" && q.rateCardName == card.name)
    }

    @Test("EX2: the ceiling caps the session price and closed days move sessions")
    func ex2() throws {
        let q = try quote("uptown", "physician", areas: ["face", "neck", "scalp"], sessions: 6, spacing: 5,
                          start: "2026-11-08", addons: ["numbing", "growth_serum"])
        #expect(q.sessionListPrice == cents("765") && q.sessionPrice == cents("700") && q.priceLimit == .ceiling)
        #expect(q.treatmentNet == cents("3360") && q.addonsTotal == cents("270") && q.tax == .zero && q.total == cents("3630"))
        #expect(q.schedule.sessions.allSatisfy { $0.date.weekday == .tuesday })
        #expect(q.firstSession == day("2026-11-10") && q.lastSession == day("2027-05-04"))
    }

    @Test("EX3: half-cent series discount and a lower-case percent promotion")
    func ex3() throws {
        let q = try quote("riverside", "physician", areas: ["face", "acne_scars"], sessions: 4, spacing: 6,
                          start: "2026-12-01", addons: ["aftercare_kit"], promo: "river15", on: "2026-11-15")
        #expect(q.seriesDiscount == cents("230.25") && q.promoCode == "RIVER15" && q.promoDiscount == cents("241.76"))
        #expect(q.treatmentNet == cents("1369.95") && q.tax == cents("5.62") && q.total == cents("1465.52"))
        #expect(q.installments.map(\.amount) == ["293.11", "293.11", "293.10", "293.10"].map(cents))
    }

    @Test("half-even rounds the same half cent down to the even cent")
    func halfEven() throws {
        var c = card
        c.rules.rounding = .halfEven
        let q = try quote("riverside", "physician", areas: ["face", "acne_scars"], sessions: 4, on: "2026-11-15", card: c)
        #expect(q.seriesDiscount == cents("230.24"))
    }

    @Test("the floor raises a cheap session")
    func floor() throws {
        var c = card
        c.rules.sessionPriceFloor = cents("200")
        let q = try quote("riverside", "associate", sessions: 1, card: c)
        #expect(q.sessionListPrice == cents("150") && q.sessionPrice == cents("200") && q.priceLimit == .floor)
    }

    @Test("a closed day moves a session to the next open day, and moves do not accumulate")
    func closedDays() throws {
        // uptown is closed Sunday and Monday; 2026-11-08 is a Sunday, spacing 4 weeks keeps every planned day a Sunday.
        let q = try quote("uptown", "senior", sessions: 3, spacing: 4, start: "2026-11-08")
        #expect(q.schedule.sessions.map(\.planned) == ["2026-11-08", "2026-12-06", "2027-01-03"].map(day))
        #expect(q.schedule.sessions.map(\.date) == ["2026-11-10", "2026-12-08", "2027-01-05"].map(day))
        #expect(q.schedule.sessions.allSatisfy { $0.moved })
        // An open planned day stays put.
        let open = try quote("uptown", "senior", sessions: 2, spacing: 4, start: "2026-11-11")
        #expect(open.schedule.sessions.map(\.date) == ["2026-11-11", "2026-12-09"].map(day))
    }

    @Test("a promotion works on its first and last valid day and not a day outside", arguments: [
        ("2026-11-01", true), ("2026-12-31", true), ("2027-01-01", false),
    ])
    func promotionDays(date: String, accepted: Bool) throws {
        if accepted {
            #expect(try quote(promo: "NEWCLIENT50", on: date).promoDiscount == cents("50"))
        } else {
            #expect(throws: PricingError.self) { try quote(promo: "NEWCLIENT50", on: date) }
        }
    }

    @Test("a promotion before its first day is refused")
    func promotionTooEarly() throws {
        var c = card
        c.effectiveFrom = day("2026-10-01")
        #expect(throws: PricingError.invalidRequest(field: "promo", value: "NEWCLIENT50", reason: "starts on 2026-11-01, after the quote date 2026-10-31")) {
            try quote(promo: "NEWCLIENT50", on: "2026-10-31", card: c)
        }
    }

    @Test("the rate card quotes on its first and last effective day only", arguments: [
        ("2026-10-01", true), ("2027-03-31", true), ("2026-09-30", false), ("2027-04-01", false),
    ])
    func effectiveDays(date: String, accepted: Bool) throws {
        if accepted {
            #expect(try quote(on: date).quoteDate == day(date))
        } else {
            #expect(throws: PricingError.self) { try quote(on: date) }
        }
    }

    @Test("an amount promotion never takes more than the treatment")
    func amountCapped() throws {
        var c = card
        c.promotions = [Promotion(code: "BIG", benefit: .amount(cents("5000")))]
        let q = try quote("riverside", "associate", sessions: 1, promo: "BIG", card: c)
        #expect(q.promoDiscount == cents("150") && q.treatmentNet == .zero && q.total == .zero)
    }

    @Test("services are taxed when the card says so")
    func servicesTaxable() throws {
        var c = card
        c.rules.servicesTaxable = true
        let q = try quote("riverside", "associate", sessions: 1, card: c)
        #expect(q.taxableAmount == cents("150") && q.tax == cents("9.38"))
    }

    @Test("defaults: spacing from the card, start and quote date from today")
    func defaults() throws {
        let r = QuoteRequest(requestID: "D", location: "downtown", tier: "senior", areas: ["face"], sessions: 2)
        let q = try QuoteEngine.quote(r, card: card, today: day("2026-11-20"))
        #expect(q.spacingWeeks == 4 && q.quoteDate == day("2026-11-20") && q.firstSession == day("2026-11-20"))
    }

    @Test("the quote id depends on the request alone")
    func stableID() throws {
        let a = try quote(), b = try quote()
        #expect(a.quoteID == b.quoteID && a.quoteID.hasPrefix("Q-") && a.quoteID.count == 14)
        #expect(try quote(sessions: 4).quoteID != a.quoteID)
    }

    @Test("invalid requests are rejected naming the field and value", arguments: [
        (RequestFields(location: "midtown"), "location", "midtown"),
        (RequestFields(sessions: "7"), "sessions", "7"),
        (RequestFields(spacingWeeks: "3"), "spacing_weeks", "3"),
        (RequestFields(sessions: "1", promo: "NEWCLIENT50"), "promo", "NEWCLIENT50"),
        (RequestFields(startDate: "2026-10-30"), "start_date", "2026-10-30"),
        (RequestFields(quoteDate: "2026-09-30"), "quote_date", "2026-09-30"),
        (RequestFields(areas: "face;chin"), "areas", "face;chin"),
        (RequestFields(areas: "face;face"), "areas", "face;face"),
        (RequestFields(sessions: "three"), "sessions", "three"),
        (RequestFields(promo: "RIVER15"), "promo", "RIVER15"),
        (RequestFields(promo: "NEWCLIENT50", quoteDate: "2027-01-05"), "promo", "NEWCLIENT50"),
        (RequestFields(status: "accepted"), "accepted_on", ""),
        (RequestFields(addons: "botox"), "addons", "botox"),
        (RequestFields(tier: "intern"), "tier", "intern"),
        (RequestFields(quoteDate: "2026-02-30"), "quote_date", "2026-02-30"),
        (RequestFields(status: "accepted", acceptedOn: "2026-10-31"), "accepted_on", "2026-10-31"),
        (RequestFields(status: "maybe"), "status", "maybe"),
        (RequestFields(promo: "NOPE"), "promo", "NOPE"),
        (RequestFields(addons: "numbing;numbing"), "addons", "numbing;numbing"),
        (RequestFields(status: "declined", acceptedOn: "2026-11-02"), "accepted_on", "2026-11-02"),
    ])
    func rejections(overrides: RequestFields, field: String, value: String) {
        var f = RequestFields(requestID: "R", location: "downtown", tier: "senior", areas: "face", sessions: "3", quoteDate: "2026-11-01")
        let given = [overrides.requestID, overrides.client, overrides.location, overrides.tier, overrides.areas,
                     overrides.sessions, overrides.spacingWeeks, overrides.startDate, overrides.addons, overrides.promo,
                     overrides.quoteDate, overrides.status, overrides.acceptedOn]
        for (i, value) in given.enumerated() { if let value { f.set(columnIndex: i, to: value) } }
        do {
            let q = try QuoteEngine.quote(QuoteRequest(fields: f), card: card, today: day("2026-11-01"))
            Issue.record("expected a rejection, got total \(q.total)")
        } catch {
            guard case let .invalidRequest(f, v, reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(f == field)
            #expect(v == value)
            #expect(!reason.isEmpty)
        }
    }

    @Test("spaces around values and list items are ignored")
    func spaces() throws {
        let f = RequestFields(requestID: " R ", location: " downtown", tier: "senior ", areas: " face ; neck ", sessions: " 3 ", addons: " numbing ")
        let r = try QuoteRequest(fields: f)
        #expect(r.requestID == "R" && r.location == "downtown" && r.areas == ["face", "neck"] && r.sessions == 3 && r.addons == ["numbing"])
    }
}
