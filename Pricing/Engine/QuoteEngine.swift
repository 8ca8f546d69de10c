/// The quote engine: pure functions from a request and a rate card to a quote
/// (SPEC section 4, in its order). Each `R(x)` is applied once, in the card's rounding mode.
public enum QuoteEngine {
    /// Checks `request` against `card` (SPEC section 3) and prices it.
    ///
    /// - Parameter today: the quote date when the request gives none (pin it with `--date`).
    /// - Throws: ``PricingError/invalidRequest(field:value:reason:)`` naming the field and value.
    public static func quote(_ request: QuoteRequest, card: RateCard, today: LocalDate) throws(PricingError) -> Quote {
        let r = try resolve(request, card: card, today: today)
        return price(r.request, card: card, location: r.location, tier: r.tier, areas: r.areas,
                     addons: r.addons, promotion: r.promotion)
    }

    struct Resolved {
        var request: QuoteRequest
        var location: Location
        var tier: Tier
        var areas: [Area]
        var addons: [Addon]
        var promotion: Promotion?
    }

    /// Every rule of SPEC section 3 that needs the rate card; fills in the defaults.
    static func resolve(_ request: QuoteRequest, card: RateCard, today: LocalDate) throws(PricingError) -> Resolved {
        var req = request
        let rules = card.rules
        func bad(_ field: String, _ value: String, _ reason: String) -> PricingError {
            .invalidRequest(field: field, value: value, reason: reason)
        }
        func known(_ ids: [String]) -> String { ids.joined(separator: ", ") }
        guard let location = card.location(req.location) else {
            throw bad("location", req.location, "is not a location on rate card \(card.version); use one of \(known(card.locations.map(\.id)))")
        }
        guard let tier = card.tier(req.tier) else {
            throw bad("tier", req.tier, "is not a tier on rate card \(card.version); use one of \(known(card.tiers.map(\.id)))")
        }
        var joinedAreas: String { req.areas.joined(separator: ";") }
        guard !req.areas.isEmpty else { throw bad("areas", "", "needs at least one area; use one or more of \(known(card.areas.map(\.id)))") }
        var areas: [Area] = []
        for id in req.areas {
            guard let a = card.area(id) else {
                throw bad("areas", joinedAreas, "'\(id)' is not an area on rate card \(card.version); use \(known(card.areas.map(\.id)))")
            }
            guard !areas.contains(where: { $0.id == id }) else { throw bad("areas", joinedAreas, "names '\(id)' twice; list each area once") }
            areas.append(a)
        }
        guard (rules.minSessions...rules.maxSessions).contains(req.sessions) else {
            throw bad("sessions", String(req.sessions), "is outside \(rules.minSessions) to \(rules.maxSessions) sessions allowed by rate card \(card.version)")
        }
        let spacing = req.spacingWeeks ?? rules.defaultSpacingWeeks
        guard (rules.spacingWeeksMin...rules.spacingWeeksMax).contains(spacing) else {
            throw bad("spacing_weeks", String(spacing), "is outside the \(rules.spacingWeeksMin) to \(rules.spacingWeeksMax) weeks between sessions that rate card \(card.version) allows")
        }
        req.spacingWeeks = spacing
        var joinedAddons: String { req.addons.joined(separator: ";") }
        var addons: [Addon] = []
        for id in req.addons {
            guard let a = card.addon(id) else {
                throw bad("addons", joinedAddons, "'\(id)' is not an add-on on rate card \(card.version); use \(known(card.addons.map(\.id)))")
            }
            guard !addons.contains(where: { $0.id == id }) else { throw bad("addons", joinedAddons, "names '\(id)' twice; list each add-on once") }
            addons.append(a)
        }
        let quoteDate = req.quoteDate ?? today
        req.quoteDate = quoteDate
        guard card.isEffective(on: quoteDate) else {
            let until = card.effectiveUntil.map { " to \($0)" } ?? " on"
            throw bad("quote_date", "\(quoteDate)", "is outside the dates of rate card \(card.version) (\(card.effectiveFrom)\(until)); use the card in effect on that day")
        }
        let start = req.startDate ?? quoteDate
        guard start >= quoteDate else {
            throw bad("start_date", "\(start)", "is before the quote date \(quoteDate); the first session cannot be in the past")
        }
        req.startDate = start
        var promotion: Promotion?
        if let code = req.promo {
            guard let p = card.promotion(code) else {
                throw bad("promo", code, "is not a promotion on rate card \(card.version); check the code or leave it empty")
            }
            if let from = p.validFrom, quoteDate < from {
                throw bad("promo", code, "starts on \(from), after the quote date \(quoteDate)")
            }
            if let until = p.validUntil, quoteDate > until {
                throw bad("promo", code, "ended on \(until), before the quote date \(quoteDate)")
            }
            if let min = p.minSessions, req.sessions < min {
                throw bad("promo", code, "needs at least \(min) sessions; this plan has \(req.sessions)")
            }
            if let places = p.locations, !places.contains(location.id) {
                throw bad("promo", code, "is not offered at \(location.id); it is for \(known(places))")
            }
            promotion = p
        }
        switch req.status {
        case .accepted:
            guard let on = req.acceptedOn else {
                throw bad("accepted_on", "", "is required when status is accepted; give the day the client accepted")
            }
            guard on >= quoteDate else {
                throw bad("accepted_on", "\(on)", "is before the quote date \(quoteDate); a quote is accepted on or after it is given")
            }
        case .quoted, .declined:
            if let on = req.acceptedOn {
                throw bad("accepted_on", "\(on)", "is only for accepted quotes; clear it or set status to accepted")
            }
        }
        return Resolved(request: req, location: location, tier: tier, areas: areas, addons: addons, promotion: promotion)
    }

    /// Steps 1 to 12 of SPEC section 4 on an already checked request.
    static func price(_ req: QuoteRequest, card: RateCard, location: Location, tier: Tier, areas: [Area],
                      addons: [Addon], promotion: Promotion?) -> Quote {
        let rules = card.rules
        let mode = rules.rounding
        let sessions = req.sessions
        // 1-3
        let listPrice = areas.reduce(location.rates[tier.id] ?? .zero) { $0 + $1.surcharge }
        let sessionPrice = min(max(listPrice, rules.sessionPriceFloor), rules.sessionPriceCeiling)
        let limit: Quote.PriceLimit = listPrice > rules.sessionPriceCeiling ? .ceiling
            : listPrice < rules.sessionPriceFloor ? .floor : .none
        let listTotal = sessionPrice * sessions
        // 4
        let seriesPercent = card.seriesDiscount(for: sessions)?.percent ?? .zero
        let seriesDiscount = listTotal.percentage(seriesPercent, rounding: mode)
        // 5
        let afterSeries = listTotal - seriesDiscount
        let promoDiscount: Money
        switch promotion?.benefit {
        case .percent(let p)?: promoDiscount = afterSeries.percentage(p, rounding: mode)
        case .amount(let a)?: promoDiscount = min(a, afterSeries)
        case nil: promoDiscount = .zero
        }
        let treatmentNet = afterSeries - promoDiscount
        // 6
        let lines = addons.map { a in
            let qty = a.per == .session ? sessions : 1
            return AddonLine(id: a.id, name: a.name, unitPrice: a.price, per: a.per, quantity: qty,
                             amount: a.price * qty, taxable: a.taxable)
        }
        let addonsTotal = lines.reduce(Money.zero) { $0 + $1.amount }
        // 7-8
        var taxable = lines.filter(\.taxable).reduce(Money.zero) { $0 + $1.amount }
        if rules.servicesTaxable { taxable += treatmentNet }
        let tax = taxable.percentage(location.taxRate, rounding: mode)
        let total = treatmentNet + addonsTotal + tax
        // 9, 11
        let deposit = total.percentage(rules.depositPercent, rounding: mode)
        let balance = total - deposit
        let spacing = req.spacingWeeks ?? rules.defaultSpacingWeeks
        let quoteDate = req.quoteDate!
        let schedule = SessionSchedule(start: req.startDate ?? quoteDate, count: sessions, spacingWeeks: spacing,
                                       location: location)
        let installments = zip(balance.split(into: sessions), schedule.sessions).map { amount, s in
            Installment(number: s.number, dueOn: s.date, amount: amount)
        }
        return Quote(
            quoteID: derivedQuoteID(req), request: req, rateCardName: card.name, rateCardVersion: card.version,
            currency: card.currency, locationName: location.name, tierName: tier.name, areaNames: areas.map(\.name),
            sessionListPrice: listPrice, sessionPrice: sessionPrice, priceLimit: limit, listTotal: listTotal,
            seriesDiscountPercent: seriesPercent, seriesDiscount: seriesDiscount, promoCode: promotion?.code,
            promoDiscount: promoDiscount, treatmentNet: treatmentNet, addonLines: lines, addonsTotal: addonsTotal,
            taxableAmount: taxable, taxRate: location.taxRate, tax: tax, total: total,
            depositPercent: rules.depositPercent, deposit: deposit, balance: balance, installments: installments,
            perSessionPrice: treatmentNet.share(of: sessions, rounding: mode), // 10
            schedule: schedule, quoteDate: quoteDate,
            validUntil: quoteDate.adding(days: rules.quoteValidDays)) // 12
    }

    /// `Q-` + 12 hex digits of a 64-bit FNV-1a hash over the request's fields: the same
    /// request always gets the same id, with no dependence on process hash seeds.
    static func derivedQuoteID(_ r: QuoteRequest) -> String {
        let separator: UInt8 = 0x1F
        var h = StableHash()
        h.add(r.requestID); h.add(byte: separator)
        h.add(r.client); h.add(byte: separator)
        h.add(r.location); h.add(byte: separator)
        h.add(r.tier); h.add(byte: separator)
        for (i, area) in r.areas.enumerated() { if i > 0 { h.add(byte: 0x3B) }; h.add(area) }
        h.add(byte: separator)
        h.add(number: r.sessions); h.add(byte: separator)
        if let w = r.spacingWeeks { h.add(number: w) }
        h.add(byte: separator)
        if let d = r.startDate { h.add(date: d) }
        h.add(byte: separator)
        for (i, addon) in r.addons.enumerated() { if i > 0 { h.add(byte: 0x3B) }; h.add(addon) }
        h.add(byte: separator)
        if let p = r.promo { h.addUppercased(p) }
        h.add(byte: separator)
        if let d = r.quoteDate { h.add(date: d) }
        let value = h.value >> 16
        // 14 bytes: a small string, made without a heap allocation.
        return String(unsafeUninitializedCapacity: 14) { id in
            id[0] = 0x51; id[1] = 0x2D   // "Q-"
            for i in 0..<12 {
                let nibble = UInt8((value >> UInt64(44 - 4 * i)) & 0xF)
                id[2 + i] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble   // 0-9, a-f
            }
            return 14
        }
    }
}
