import Testing
@testable import Pricing

@Suite("Loading rate cards")
struct RateCardLoadingTests {
    @Test("the example rate card loads with every feature")
    func example() {
        let card = Fixture.examplesCard
        #expect(card.version == "2026.4")
        #expect(card.location("riverside")?.rates["physician"] == Money(cents: 39_999))
        #expect(card.location("uptown")?.closedWeekdays == [.sunday, .monday])
        #expect(card.area("acne_scars")?.surcharge == Money(cents: 6_050))
        #expect(card.seriesDiscounts.map(\.sessions) == [3, 4, 6])
        #expect(card.seriesDiscount(for: 5)?.percent == Percent(units: 125_000))
        #expect(card.seriesDiscount(for: 2) == nil)
        #expect(card.rules.depositPercent == Percent(whole: 20))
        #expect(card.promotion("river15")?.benefit == .percent(Percent(whole: 15)))
        #expect(card.promotion("NEWCLIENT50")?.benefit == .amount(Money(cents: 5_000)))
        #expect(card.effectiveUntil == day("2027-03-31"))
    }

    @Test("omitted rules take SPEC defaults")
    func defaults() {
        let r = Fixture.baseCard.rules
        #expect(r.sessionPriceFloor == Money(cents: 10_000) && r.sessionPriceCeiling == Money(cents: 70_000))
        #expect(r.minSessions == 1 && r.maxSessions == 6 && r.defaultSpacingWeeks == 4 && r.quoteValidDays == 30)
        #expect(r.rounding == .halfUp && r.servicesTaxable == false)
    }

    @Test("money may be written as an integer, a float or a string")
    func moneyForms() throws {
        let text = Fixture.text("base.toml").replacingOccurrences(of: "price = 89.95", with: "price = \"89.95\"")
        let card = try RateCard.parse(toml: text, file: "strings.toml")
        #expect(card.addon("kit")?.price == Money(cents: 8_995))
    }

    @Test("each broken rate card names the file and the key path", arguments: [
        ("missing-required-key", "version"),
        ("unknown-key", "areas.face.colour"),
        ("wrong-type", "locations.downtown.tax_rate"),
        ("bad-amount", "addons.kit.price"),
        ("negative-amount", "areas.face.surcharge"),
        ("bad-percentage", "series_discounts[1].percent"),
        ("missing-tier-rate", "locations.downtown.rates.senior"),
        ("unknown-tier-rate", "locations.downtown.rates.intern"),
        ("rate-above-ceiling", "locations.downtown.rates.senior"),
        ("floor-above-ceiling", "rules.session_price_floor"),
        ("sessions-out-of-order", "rules.min_sessions"),
        ("default-spacing-outside", "rules.default_spacing_weeks"),
        ("series-sessions-outside", "series_discounts[1].sessions"),
        ("series-duplicate", "series_discounts[2].sessions"),
        ("unknown-weekday", "locations.downtown.closed_weekdays[1]"),
        ("promotion-both", "promotions.SAVE10"),
        ("promotion-neither", "promotions.SAVE10"),
        ("promotion-unknown-location", "promotions.SAVE10.locations[1]"),
        ("effective-dates-out-of-order", "effective_until"),
        ("promotion-dates-out-of-order", "promotions.SAVE10.valid_until"),
        ("bad-rounding", "rules.rounding"),
        ("surcharge-above-limit", "areas.face.surcharge"),
        ("surcharge-above-limit", "areas.neck.surcharge"),
        ("addon-price-above-limit", "addons.kit.price"),
        ("ceiling-above-limit", "rules.session_price_ceiling"),
        ("promotion-amount-above-limit", "promotions.SAVE10.amount"),
        ("valid-days-past-last-date", "effective_from"),
    ])
    func broken(name: String, keyPath: String) {
        let path = Fixture.path("broken/\(name).toml")
        #expect {
            try RateCard.load(path: path)
        } throws: { error in
            guard case let PricingError.rateCardInvalid(file, problems) = error else { return false }
            let message = "\(error)"
            return file == path && problems.contains { $0.keyPath == keyPath } && message.contains(path) && message.contains(keyPath)
        }
    }

    @Test("a TOML syntax error gives the file, line and column")
    func syntax() {
        let path = Fixture.path("broken/syntax-error.toml")
        #expect {
            try RateCard.load(path: path)
        } throws: { error in
            guard case let PricingError.rateCardSyntax(file, line, column, _) = error else { return false }
            return file == path && line == 14 && column > 0 && "\(error)".hasPrefix("\(path):14:")
        }
    }

    /// An isolation answering from a rule instead of a parse: what the bisection is given.
    struct RuleIsolation: TOMLParserIsolation {
        var aborts: @Sendable (String) -> Bool
        func parserAborts(on text: String) -> Bool { aborts(text) }
    }

    @Test("the line reported is the first whose prefix the isolation says aborts", arguments: [
        ("a = 1\nb = 2\nBOOM\nc = 3\n", 3), ("BOOM", 1), ("x\n\n\n\n\n\n\n\n\nBOOM\nBOOM\n", 10), ("a\nb\nc\nd\nBOOM", 5),
    ])
    func abortingLine(text: String, line: Int) throws {
        let isolation = RuleIsolation { $0.contains("BOOM") }
        #expect(TOMLAbortingLine.find(in: text, isolation: isolation) == line)
        #expect {
            try RateCard.parse(toml: "schema = 1\n" + text, file: "t.toml", isolation: isolation)
        } throws: { error in
            guard case let PricingError.rateCardSyntax(file, found, column, message) = error else { return false }
            return file == "t.toml" && found == line + 1 && column == 1 && message.contains("TOML parser cannot read this line")
        }
    }

    @Test("text the isolation finds no abort in is parsed as without one; the isolation is asked once")
    func isolationQuiet() throws {
        final class Count: @unchecked Sendable { var n = 0 }   // one test, one thread
        let count = Count()
        let isolation = RuleIsolation { _ in count.n += 1; return false }
        let card = try RateCard.parse(toml: Fixture.text("base.toml"), file: "base.toml", isolation: isolation)
        #expect(card == (try RateCard.parse(toml: Fixture.text("base.toml"), file: "base.toml")))
        #expect(count.n == 1)
    }

    @Test("every problem is reported, not only the first")
    func allProblems() throws {
        let text = Fixture.text("base.toml")
            .replacingOccurrences(of: "version = \"T1\"\n", with: "")
            .replacingOccurrences(of: "tax_rate = 8.875", with: "tax_rate = \"lots\"")
            .replacingOccurrences(of: "closed_weekdays = [\"sunday\"]", with: "closed_weekdays = [\"funday\"]")
        do {
            _ = try RateCard.parse(toml: text, file: "many.toml")
            Issue.record("expected the card to be rejected")
        } catch {
            guard case let .rateCardInvalid(_, problems) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(Set(problems.map(\.keyPath)) == ["version", "locations.downtown.tax_rate", "locations.downtown.closed_weekdays[1]"])
        }
    }

    @Test("a missing file and a non-UTF-8 file are clear errors")
    func unreadable() {
        #expect(throws: PricingError.rateCardUnreadable(file: "/nonexistent/card.toml", reason: "no such file; check the path")) {
            try RateCard.load(path: "/nonexistent/card.toml")
        }
    }

    @Test("a wrong type is reported as a wrong type, not as a missing key")
    func wrongTypeMessage() {
        let text = Fixture.text("base.toml").replacingOccurrences(of: "deposit_percent = 20", with: "deposit_percent = [20]")
        do {
            _ = try RateCard.parse(toml: text, file: "t.toml")
            Issue.record("expected a rejection")
        } catch {
            #expect("\(error)".contains("rules.deposit_percent: expected a percentage (0 to 100, at most 4 decimals), found a list"))
        }
    }
}
