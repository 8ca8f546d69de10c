extension QuoteEngine {
    /// Steps 1 to 10 of SPEC section 4 on an already checked request, with the schedule
    /// (step 11) and `valid_until` (step 12) already planned by ``plan(_:card:given:)``.
    ///
    /// Every sum, product and percentage is checked: from a card within
    /// ``RateCardLimits`` none can overflow (the proof is there), and for a card built in
    /// code beyond them an overflow rejects the request naming the field that drives the
    /// figure (`areas`, `sessions`, `promo`, `addons`), never traps or saturates.
    static func price(_ req: QuoteRequest, card: RateCard, location: Location, tier: Tier, areas: [Area],
                      addons: [Addon], promotion: Promotion?, schedule: SessionSchedule,
                      validUntil: LocalDate) throws(PricingError) -> Quote {
        let rules = card.rules
        let mode = rules.rounding
        let sessions = req.sessions
        func fits<T>(_ value: T?, _ field: String, _ figure: String) throws(PricingError) -> T {
            guard let value else { throw overflow(req, field: field, figure: figure) }
            return value
        }
        let pricedField = req.addons.isEmpty ? "sessions" : "addons"
        // 1-3
        var listPrice = location.rates[tier.id] ?? .zero
        for area in areas { listPrice = try fits(listPrice.checkedAdding(area.surcharge), "areas", "session_list_price") }
        let sessionPrice = min(max(listPrice, rules.sessionPriceFloor), rules.sessionPriceCeiling)
        let limit: Quote.PriceLimit = listPrice > rules.sessionPriceCeiling ? .ceiling
            : listPrice < rules.sessionPriceFloor ? .floor : .none
        let listTotal = try fits(sessionPrice.checkedMultiplied(by: sessions), "sessions", "list_total")
        // 4
        let seriesPercent = card.seriesDiscount(for: sessions)?.percent ?? .zero
        let seriesDiscount = try fits(listTotal.checkedPercentage(seriesPercent, rounding: mode), "sessions", "series_discount")
        // 5
        let afterSeries = try fits(listTotal.checkedSubtracting(seriesDiscount), "sessions", "list_total")
        let promoDiscount: Money
        switch promotion?.benefit {
        case .percent(let p)?: promoDiscount = try fits(afterSeries.checkedPercentage(p, rounding: mode), "promo", "promo_discount")
        case .amount(let a)?: promoDiscount = min(a, afterSeries)
        case nil: promoDiscount = .zero
        }
        let treatmentNet = try fits(afterSeries.checkedSubtracting(promoDiscount), "promo", "treatment_net")
        // 6
        var lines: [AddonLine] = []
        for a in addons {
            let qty = a.per == .session ? sessions : 1
            lines.append(AddonLine(id: a.id, name: a.name, unitPrice: a.price, per: a.per, quantity: qty,
                                   amount: try fits(a.price.checkedMultiplied(by: qty), "addons", "add-on line \(a.id)"),
                                   taxable: a.taxable))
        }
        let addonsTotal = try fits(Money.checkedSum(lines.map(\.amount)), "addons", "addons_total")
        // 7-8
        var taxable = try fits(Money.checkedSum(lines.filter(\.taxable).map(\.amount)), "addons", "taxable_amount")
        if rules.servicesTaxable { taxable = try fits(taxable.checkedAdding(treatmentNet), pricedField, "taxable_amount") }
        let tax = try fits(taxable.checkedPercentage(location.taxRate, rounding: mode), pricedField, "tax")
        let total = try fits(treatmentNet.checkedAdding(addonsTotal)?.checkedAdding(tax), pricedField, "total")
        // 9
        let deposit = try fits(total.checkedPercentage(rules.depositPercent, rounding: mode), pricedField, "deposit")
        let balance = try fits(total.checkedSubtracting(deposit), pricedField, "balance")
        let installments = zip(balance.split(into: sessions), schedule.sessions).map { amount, s in
            Installment(number: s.number, dueOn: s.date, amount: amount)
        }
        // 10: a share of a non-negative amount is at most the amount.
        let perSession = try fits(mode.checkedDivide(Int128(treatmentNet.cents), by: Int128(sessions)).map(Money.init(cents:)),
                                  "sessions", "per_session_price")
        return Quote(
            quoteID: derivedQuoteID(req), request: req, rateCardName: card.name, rateCardVersion: card.version,
            currency: card.currency, locationName: location.name, tierName: tier.name, areaNames: areas.map(\.name),
            sessionListPrice: listPrice, sessionPrice: sessionPrice, priceLimit: limit, listTotal: listTotal,
            seriesDiscountPercent: seriesPercent, seriesDiscount: seriesDiscount, promoCode: promotion?.code,
            promoDiscount: promoDiscount, treatmentNet: treatmentNet, addonLines: lines, addonsTotal: addonsTotal,
            taxableAmount: taxable, taxRate: location.taxRate, tax: tax, total: total,
            depositPercent: rules.depositPercent, deposit: deposit, balance: balance, installments: installments,
            perSessionPrice: perSession, schedule: schedule, quoteDate: req.quoteDate!, validUntil: validUntil)
    }

    /// The rejection of a request whose `figure` would not fit in `Int64` cents.
    static func overflow(_ req: QuoteRequest, field: String, figure: String) -> PricingError {
        let value: String
        switch field {
        case "areas": value = req.areas.joined(separator: ";")
        case "addons": value = req.addons.joined(separator: ";")
        case "promo": value = req.promo ?? ""
        default: value = String(req.sessions)
        }
        return .invalidRequest(field: field, value: value,
                               reason: "makes \(figure) larger than \(Money(cents: .max)), the largest amount spaquote can hold; the rate card's amounts are too large for this plan")
    }
}
