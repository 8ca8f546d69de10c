import Foundation
@testable import Pricing

/// An independent reference of SPEC section 4, for the differential test. It shares only
/// the input types with the engine; its arithmetic and dates are written another way:
/// amounts in millionths of a cent with rounding read off the last six digits, and the
/// schedule and validity through Foundation's Gregorian calendar in UTC rather than
/// `LocalDate` day numbers.
struct ReferenceQuote: Equatable {
    var sessionPrice: Int64, listTotal: Int64, seriesDiscount: Int64, promoDiscount: Int64, treatmentNet: Int64
    var addonsTotal: Int64, tax: Int64, total: Int64, deposit: Int64, balance: Int64, perSession: Int64
    var installments: [Int64], sessionDates: [String], validUntil: String

    static let micro: Int128 = 1_000_000

    /// `amountCents * percentUnits / 1_000_000` rounded to whole cents.
    static func round(_ microCents: Int128, _ mode: RoundingMode) -> Int64 {
        let whole = microCents / micro
        let rest = microCents % micro           // 0 ..< 1_000_000 (non-negative inputs)
        let up: Bool
        if rest > micro / 2 { up = true } else if rest < micro / 2 { up = false } else {
            up = mode == .halfUp || whole % 2 != 0
        }
        return Int64(whole) + (up ? 1 : 0)
    }

    static func percentOf(_ cents: Int64, _ p: Percent, _ mode: RoundingMode) -> Int64 {
        // cents x (units / 10_000) / 100, in millionths of a cent: cents x units.
        round(Int128(cents) * Int128(p.units), mode)
    }

    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    static func date(_ iso: String) -> Date {
        let parts = iso.split(separator: "-").map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
    }

    static func iso(_ d: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    init(_ r: QuoteRequest, card: RateCard) {
        let rules = card.rules, mode = rules.rounding
        let location = card.locations.first { $0.id == r.location }!
        var list = location.rates[r.tier]!.cents
        for a in r.areas { list += card.areas.first { $0.id == a }!.surcharge.cents }
        sessionPrice = Swift.max(rules.sessionPriceFloor.cents, Swift.min(list, rules.sessionPriceCeiling.cents))
        listTotal = sessionPrice * Int64(r.sessions)
        var best: SeriesDiscount?
        for s in card.seriesDiscounts where s.sessions <= r.sessions { if best == nil || s.sessions > best!.sessions { best = s } }
        let total = listTotal
        seriesDiscount = best.map { ReferenceQuote.percentOf(total, $0.percent, mode) } ?? 0
        let afterSeries = listTotal - seriesDiscount
        promoDiscount = 0
        if let code = r.promo, let p = card.promotions.first(where: { $0.code.lowercased() == code.lowercased() }) {
            switch p.benefit {
            case .percent(let x): promoDiscount = ReferenceQuote.percentOf(afterSeries, x, mode)
            case .amount(let m): promoDiscount = m.cents < afterSeries ? m.cents : afterSeries
            }
        }
        treatmentNet = afterSeries - promoDiscount
        var taxable: Int64 = rules.servicesTaxable ? treatmentNet : 0
        addonsTotal = 0
        for id in r.addons {
            let a = card.addons.first { $0.id == id }!
            let line = a.price.cents * (a.per == .session ? Int64(r.sessions) : 1)
            addonsTotal += line
            if a.taxable { taxable += line }
        }
        tax = ReferenceQuote.percentOf(taxable, location.taxRate, mode)
        self.total = treatmentNet + addonsTotal + tax
        deposit = ReferenceQuote.percentOf(self.total, rules.depositPercent, mode)
        let owed = self.total - deposit
        balance = owed
        let n = Int64(r.sessions)
        installments = (0..<n).map { i in owed / n + (i < owed % n ? 1 : 0) }
        perSession = ReferenceQuote.round(Int128(treatmentNet) * ReferenceQuote.micro / Int128(n), mode)
        let quoteDay = ReferenceQuote.date(r.quoteDate!.description)
        let start = r.startDate.map { ReferenceQuote.date($0.description) } ?? quoteDay
        let weeks = r.spacingWeeks ?? rules.defaultSpacingWeeks
        // Foundation weekdays: 1 = Sunday ... 7 = Saturday.
        let closed = Set(location.closedWeekdays.map { ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"].firstIndex(of: $0.rawValue)! + 1 })
        sessionDates = (0..<r.sessions).map { i in
            var day = ReferenceQuote.calendar.date(byAdding: .day, value: 7 * weeks * i, to: start)!
            while closed.contains(ReferenceQuote.calendar.component(.weekday, from: day)) {
                day = ReferenceQuote.calendar.date(byAdding: .day, value: 1, to: day)!
            }
            return ReferenceQuote.iso(day)
        }
        validUntil = ReferenceQuote.iso(ReferenceQuote.calendar.date(byAdding: .day, value: rules.quoteValidDays, to: quoteDay)!)
    }

    /// The engine's quote in the reference's terms.
    init(engine q: Quote) {
        sessionPrice = q.sessionPrice.cents; listTotal = q.listTotal.cents; seriesDiscount = q.seriesDiscount.cents
        promoDiscount = q.promoDiscount.cents; treatmentNet = q.treatmentNet.cents; addonsTotal = q.addonsTotal.cents
        tax = q.tax.cents; total = q.total.cents; deposit = q.deposit.cents; balance = q.balance.cents
        perSession = q.perSessionPrice.cents; installments = q.installments.map(\.amount.cents)
        sessionDates = q.schedule.sessions.map(\.date.description); validUntil = q.validUntil.description
    }
}
