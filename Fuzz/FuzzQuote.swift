// libFuzzer target: the request parser and the quote engine on arbitrary text fields
// against a rate card the input may push to extreme amounts and far dates. Refusals are
// fine; a crash, a quote whose figures do not add up, or a date outside
// 0001-01-01...9999-12-31 is a bug.
//
// Input: lines. Lines 1-13 are the request fields (RequestFields.columns order). Lines
// 14-21, each optional, override the card: rate (cents), neck surcharge, kit price,
// serum price, promotion amount, ceiling (all cents, any Int64 >= 0: beyond the rate
// card limits the engine's own checks must hold), quote_valid_days (0...3650) and
// "open" to drop effective_until (so quote dates up to 9999-12-31 are accepted).

func fuzzCard(_ extra: [String]) -> RateCard {
    func cents(_ i: Int, _ fallback: Int64) -> Money {
        guard i < extra.count, let v = Int64(extra[i]), v >= 0 else { return Money(cents: fallback) }
        return Money(cents: v)
    }
    var rules = Rules()
    rules.sessionPriceCeiling = max(cents(5, 70_000), rules.sessionPriceFloor)
    rules.depositPercent = Percent(whole: 20)
    rules.servicesTaxable = true
    rules.spacingWeeksMin = 1
    rules.maxSessions = 1000
    if extra.count > 6, let days = Int(extra[6]), (0...3650).contains(days) { rules.quoteValidDays = days }
    let rate = min(max(cents(0, 37_500), rules.sessionPriceFloor), rules.sessionPriceCeiling)
    let rates = ["associate": Money(cents: 25_000), "senior": rate]
    return RateCard(
        name: "Fuzz", version: "F", currency: "USD", effectiveFrom: LocalDate(iso: "2026-01-01")!,
        effectiveUntil: extra.count > 7 && extra[7] == "open" ? nil : LocalDate(iso: "2027-12-31")!, rules: rules,
        tiers: [Tier(id: "associate", name: "A"), Tier(id: "senior", name: "S")],
        locations: [Location(id: "downtown", name: "D", taxRate: Percent(units: 88_750), closedWeekdays: [.sunday, .friday], rates: rates)],
        areas: [Area(id: "face", name: "F", surcharge: .zero), Area(id: "neck", name: "N", surcharge: cents(1, 9_500))],
        seriesDiscounts: [SeriesDiscount(sessions: 3, percent: Percent(units: 125_000))],
        addons: [Addon(id: "kit", name: "K", price: cents(2, 8_995), per: .package, taxable: true),
                 Addon(id: "serum", name: "S", price: cents(3, 4_500), per: .session, taxable: false)],
        promotions: [Promotion(code: "P", benefit: .percent(Percent(units: 150_000))), Promotion(code: "A", benefit: .amount(cents(4, 5_000)))])
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuote(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var fields = RequestFields()
    for (i, value) in parts.prefix(RequestFields.columns.count).enumerated() { fields.set(columnIndex: i, to: value) }
    let card = fuzzCard(Array(parts.dropFirst(RequestFields.columns.count)))
    guard let request = try? QuoteRequest(fields: fields),
          let q = try? QuoteEngine.quote(request, card: card, today: LocalDate(iso: "2026-11-01")!) else { return 0 }
    func w(_ m: Money) -> Int128 { Int128(m.cents) }
    precondition(w(q.total) == w(q.treatmentNet) + w(q.addonsTotal) + w(q.tax), "total does not add up")
    precondition(q.installments.reduce(Int128(0)) { $0 + w($1.amount) } == w(q.balance), "installments do not add up")
    precondition(w(q.balance) + w(q.deposit) == w(q.total), "deposit and balance do not add up")
    precondition(q.treatmentNet >= .zero && q.tax >= .zero && q.deposit >= .zero && q.balance >= .zero, "a negative figure")
    precondition(q.schedule.sessions.allSatisfy { !card.locations[0].isClosed(on: $0.date) }, "a session on a closed day")
    precondition(q.validUntil <= LocalDate.latest && q.lastSession <= LocalDate.latest, "a date past 9999-12-31")
    precondition(!q.validUntil.description.hasPrefix("0000") && !q.lastSession.description.hasPrefix("0000"), "a date printed as year 0000")
    return 0
}
