import FuzzEntry
import Pricing

// libFuzzer target: the rate-card loader on arbitrary text. It must return a card or a
// PricingError, never crash; a loaded card must satisfy the rules the loader checks,
// hold no amount above RateCardLimits, and price its largest and its last-dated plans
// without a trap (a refusal must name a date field, never an amount).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRateCard(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let card = try RateCard.parse(toml: text, file: "fuzz.toml", isolation: ForkIsolation())
        let r = card.rules
        precondition(r.sessionPriceFloor <= r.sessionPriceCeiling && r.minSessions <= r.maxSessions, "rules out of order")
        precondition(r.spacingWeeksMin <= r.defaultSpacingWeeks && r.defaultSpacingWeeks <= r.spacingWeeksMax, "default spacing outside its range")
        for l in card.locations {
            precondition(card.tiers.allSatisfy { t in l.rates[t.id].map { $0 >= r.sessionPriceFloor && $0 <= r.sessionPriceCeiling } == true },
                         "a location without a valid rate for a tier")
            precondition(l.closedWeekdays.count < 7, "a location closed every day")
        }
        precondition(Set(card.seriesDiscounts.map(\.sessions)).count == card.seriesDiscounts.count, "repeated series discount")
        let cap = RateCardLimits.maxAmount
        let amounts = [r.sessionPriceCeiling] + card.areas.map(\.surcharge) + card.addons.map(\.price)
            + card.promotions.compactMap { if case .amount(let a) = $0.benefit { a } else { nil } }
        precondition(amounts.allSatisfy { $0 <= cap }, "an amount above the rate card limit")
        precondition(card.areas.count <= RateCardLimits.maxAreas && card.addons.count <= RateCardLimits.maxAddons, "too many entries")
        priceExtremes(card)
    } catch {
        _ = "\(error)"   // every problem has a message
    }
    return 0
}

/// Prices the largest plan (every area and add-on, most sessions, shortest spacing) on
/// the first and the last day the card allows, at each location and tier.
func priceExtremes(_ card: RateCard) {
    let r = card.rules
    let days = [card.effectiveFrom, card.effectiveUntil ?? LocalDate.latest]
    for location in card.locations.prefix(3) {
        for tier in card.tiers.prefix(3) {
            for day in days {
                let request = QuoteRequest(requestID: "F", location: location.id, tier: tier.id, areas: card.areas.map(\.id),
                                           sessions: r.maxSessions, spacingWeeks: r.spacingWeeksMin, addons: card.addons.map(\.id),
                                           quoteDate: day)
                do {
                    let q = try QuoteEngine.quote(request, card: card, today: day)
                    precondition(Int128(q.total.cents) == Int128(q.treatmentNet.cents) + Int128(q.addonsTotal.cents) + Int128(q.tax.cents),
                                 "total does not add up")
                    precondition(q.installments.reduce(Int128(0)) { $0 + Int128($1.amount.cents) } == Int128(q.balance.cents),
                                 "installments do not add up")
                } catch {
                    guard case let .invalidRequest(field, _, reason) = error else { preconditionFailure("\(error)") }
                    precondition(!reason.contains("largest amount"), "an amount overflowed on a valid card: \(field)")
                }
            }
        }
    }
}
