import FuzzEntry
import Pricing

// libFuzzer target: the rate-card loader on arbitrary text. It must return a card or a
// PricingError, never crash; a loaded card must satisfy the rules the loader checks.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRateCard(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let card = try RateCard.parse(toml: text, file: "fuzz.toml")
        let r = card.rules
        precondition(r.sessionPriceFloor <= r.sessionPriceCeiling && r.minSessions <= r.maxSessions, "rules out of order")
        precondition(r.spacingWeeksMin <= r.defaultSpacingWeeks && r.defaultSpacingWeeks <= r.spacingWeeksMax, "default spacing outside its range")
        for l in card.locations {
            precondition(card.tiers.allSatisfy { t in l.rates[t.id].map { $0 >= r.sessionPriceFloor && $0 <= r.sessionPriceCeiling } == true },
                         "a location without a valid rate for a tier")
            precondition(l.closedWeekdays.count < 7, "a location closed every day")
        }
        precondition(Set(card.seriesDiscounts.map(\.sessions)).count == card.seriesDiscounts.count, "repeated series discount")
    } catch {
        _ = "\(error)"   // every problem has a message
    }
    return 0
}
