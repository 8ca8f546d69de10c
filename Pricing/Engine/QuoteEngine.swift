/// The quote engine: pure functions from a request and a rate card to a quote
/// (SPEC section 4, in its order). Each `R(x)` is applied once, in the card's rounding mode.
public enum QuoteEngine {
    /// Checks `request` against `card` (SPEC section 3) and prices it.
    ///
    /// - Parameter today: the quote date when the request gives none (pin it with `--date`).
    /// - Throws: ``PricingError/invalidRequest(field:value:reason:)`` naming the field and
    ///   value: the rules of SPEC section 3, a date past 9999-12-31 (``plan(_:card:given:)``)
    ///   and, on a card built in code beyond ``RateCardLimits``, a figure too large for
    ///   `Int64` cents (``price(_:card:location:tier:areas:addons:promotion:schedule:validUntil:)``).
    ///   Never traps on any request.
    public static func quote(_ request: QuoteRequest, card: RateCard, today: LocalDate) throws(PricingError) -> Quote {
        let r = try resolve(request, card: card, today: today)
        let dates = try plan(r, card: card, given: request)
        return try price(r.request, card: card, location: r.location, tier: r.tier, areas: r.areas,
                         addons: r.addons, promotion: r.promotion, schedule: dates.schedule, validUntil: dates.validUntil)
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
        // Comparisons, not ranges: a card built in code with its rules out of order must not trap.
        guard req.sessions >= max(1, rules.minSessions) && req.sessions <= rules.maxSessions else {
            throw bad("sessions", String(req.sessions), "is outside \(rules.minSessions) to \(rules.maxSessions) sessions allowed by rate card \(card.version)")
        }
        let spacing = req.spacingWeeks ?? rules.defaultSpacingWeeks
        guard spacing >= max(1, rules.spacingWeeksMin) && spacing <= rules.spacingWeeksMax else {
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
