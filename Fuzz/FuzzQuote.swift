// libFuzzer target: the request parser and the quote engine on arbitrary text fields
// against a fixed rate card. Refusals are fine; a crash, or a quote whose figures do not
// add up, is a bug.
let fuzzCard: RateCard = {
    let rates = ["associate": Money(cents: 25_000), "senior": Money(cents: 37_500)]
    return RateCard(
        name: "Fuzz", version: "F", currency: "USD", effectiveFrom: LocalDate(iso: "2026-01-01")!,
        effectiveUntil: LocalDate(iso: "2027-12-31")!, rules: Rules(),
        tiers: [Tier(id: "associate", name: "A"), Tier(id: "senior", name: "S")],
        locations: [Location(id: "downtown", name: "D", taxRate: Percent(units: 88_750), closedWeekdays: [.sunday, .monday], rates: rates)],
        areas: [Area(id: "face", name: "F", surcharge: .zero), Area(id: "neck", name: "N", surcharge: Money(cents: 9_500))],
        seriesDiscounts: [SeriesDiscount(sessions: 3, percent: Percent(units: 125_000))],
        addons: [Addon(id: "kit", name: "K", price: Money(cents: 8_995), per: .package, taxable: true),
                 Addon(id: "serum", name: "S", price: Money(cents: 4_500), per: .session, taxable: false)],
        promotions: [Promotion(code: "P", benefit: .percent(Percent(units: 150_000))), Promotion(code: "A", benefit: .amount(Money(cents: 5_000)))])
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuote(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    // The input is the 13 request fields separated by newlines.
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var fields = RequestFields()
    for (i, value) in parts.prefix(RequestFields.columns.count).enumerated() { fields.set(columnIndex: i, to: value) }
    guard let request = try? QuoteRequest(fields: fields),
          let q = try? QuoteEngine.quote(request, card: fuzzCard, today: LocalDate(iso: "2026-11-01")!) else { return 0 }
    precondition(q.total == q.treatmentNet + q.addonsTotal + q.tax, "total does not add up")
    precondition(q.installments.reduce(Money.zero) { $0 + $1.amount } == q.balance, "installments do not add up")
    precondition(q.treatmentNet >= .zero && q.tax >= .zero && q.deposit >= .zero, "a negative figure")
    precondition(q.schedule.sessions.allSatisfy { !fuzzCard.locations[0].isClosed(on: $0.date) }, "a session on a closed day")
    return 0
}
