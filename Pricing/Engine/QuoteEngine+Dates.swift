extension QuoteEngine {
    /// Step 11's schedule and step 12's `valid_until`, refusing a plan with a date after
    /// 9999-12-31 (the last date ISO `YYYY-MM-DD` can write) instead of wrapping it.
    ///
    /// The field named is the one to change: `quote_date` when `valid_until` would be too
    /// late, `start_date` (`quote_date` when the start was not given) when the first
    /// session, or the open day a closed day moves it to, would be, and `spacing_weeks`
    /// (`sessions` when the spacing was not given) when a later session would be.
    static func plan(_ r: Resolved, card: RateCard, given: QuoteRequest) throws(PricingError)
        -> (schedule: SessionSchedule, validUntil: LocalDate) {
        let req = r.request, rules = card.rules
        let quoteDate = req.quoteDate!, start = req.startDate ?? quoteDate
        let spacing = req.spacingWeeks ?? rules.defaultSpacingWeeks
        let last = LocalDate.latest
        guard let validUntil = quoteDate.checkedAdding(days: rules.quoteValidDays) else {
            throw .invalidRequest(field: "quote_date", value: "\(quoteDate)", reason:
                "plus the \(rules.quoteValidDays) days a quote stays valid on rate card \(card.version) is after \(last), the last date spaquote handles; use an earlier quote date")
        }
        guard r.location.nextOpenDay(onOrAfter: start) != nil else {
            let field = given.startDate == nil ? "quote_date" : "start_date"
            throw .invalidRequest(field: field, value: "\(start)", reason:
                "puts the first session (moved to the next day \(r.location.id) is open) after \(last), the last date spaquote handles; start earlier")
        }
        guard let schedule = SessionSchedule(start: start, count: req.sessions, spacingWeeks: spacing, location: r.location) else {
            let (field, value) = given.spacingWeeks == nil ? ("sessions", String(req.sessions)) : ("spacing_weeks", String(spacing))
            throw .invalidRequest(field: field, value: value, reason:
                "puts the last of \(req.sessions) sessions \(spacing) weeks apart from \(start) after \(last), the last date spaquote handles; start earlier, plan fewer sessions or space them closer")
        }
        return (schedule, validUntil)
    }
}
