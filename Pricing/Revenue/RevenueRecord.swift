/// What monthly revenue needs of a saved quote (SPEC section 7). Money in cents.
public struct RevenueRecord: Sendable, Equatable {
    public var quoteID: String
    public var location: String
    public var tier: String
    public var quoteDate: LocalDate
    public var status: QuoteStatus
    public var acceptedOn: LocalDate?
    public var sessions: Int
    /// `total - tax`: the quote's value.
    public var value: Money
    public var treatmentNet: Money
    /// The per-session add-on lines' amounts, added up.
    public var addonsPerSession: Money
    /// The per-package add-on lines' amounts, added up.
    public var addonsPerPackage: Money
    /// The sessions' dates, in order.
    public var sessionDates: [LocalDate]

    public init(quoteID: String, location: String, tier: String, quoteDate: LocalDate, status: QuoteStatus,
                acceptedOn: LocalDate?, sessions: Int, value: Money, treatmentNet: Money, addonsPerSession: Money,
                addonsPerPackage: Money, sessionDates: [LocalDate]) {
        self.quoteID = quoteID; self.location = location; self.tier = tier; self.quoteDate = quoteDate
        self.status = status; self.acceptedOn = acceptedOn; self.sessions = sessions; self.value = value
        self.treatmentNet = treatmentNet; self.addonsPerSession = addonsPerSession
        self.addonsPerPackage = addonsPerPackage; self.sessionDates = sessionDates
    }

    /// The record of a priced quote.
    public init(quote q: Quote) {
        let perSession = q.addonLines.filter { $0.per == .session }.reduce(Money.zero) { $0 + $1.amount }
        self.init(quoteID: q.quoteID, location: q.request.location, tier: q.request.tier, quoteDate: q.quoteDate,
                  status: q.request.status, acceptedOn: q.request.acceptedOn, sessions: q.request.sessions,
                  value: q.value, treatmentNet: q.treatmentNet, addonsPerSession: perSession,
                  addonsPerPackage: q.addonsTotal - perSession, sessionDates: q.schedule.sessions.map(\.date))
    }

    /// When and how much revenue an accepted quote recognizes: `treatment_net` plus the
    /// per-session add-ons split over the sessions as installments are (leftover cents to
    /// the earliest), the per-package add-ons with session 1; each share on the later of
    /// its session's date and `accepted_on`. Empty unless accepted. The shares add up to
    /// ``value``.
    public var recognition: [(day: LocalDate, amount: Money)] {
        guard status == .accepted, let accepted = acceptedOn, !sessionDates.isEmpty else { return [] }
        let shares = (treatmentNet + addonsPerSession).split(into: sessionDates.count)
        return zip(sessionDates, shares).enumerated().map { i, pair in
            (max(pair.0, accepted), pair.1 + (i == 0 ? addonsPerPackage : .zero))
        }
    }
}
