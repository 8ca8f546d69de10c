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

    /// The record of a priced quote. The add-on sums are parts of `addons_total`, which a
    /// quote from ``QuoteEngine`` keeps far inside `Int64` (see ``RateCardLimits``).
    public init(quote q: Quote) {
        var perSession = Money.zero
        for line in q.addonLines where line.per == .session { perSession += line.amount }
        self.init(quoteID: q.quoteID, location: q.request.location, tier: q.request.tier, quoteDate: q.quoteDate,
                  status: q.request.status, acceptedOn: q.request.acceptedOn, sessions: q.request.sessions,
                  value: q.value, treatmentNet: q.treatmentNet, addonsPerSession: perSession,
                  addonsPerPackage: q.addonsTotal - perSession, sessionDates: q.schedule.sessions.map(\.date))
    }

    /// Whether the figures can be used for revenue: no amount and no session count is
    /// negative, and ``value`` is ``treatmentNet`` + ``addonsPerSession`` + ``addonsPerPackage``
    /// (a damaged ledger row may break this). See ``problem`` for the message.
    public var isUsable: Bool {
        guard sessions >= 0, treatmentNet >= .zero, addonsPerSession >= .zero, addonsPerPackage >= .zero,
              let sum = treatmentNet.checkedAdding(addonsPerSession)?.checkedAdding(addonsPerPackage) else { return false }
        return sum == value
    }

    /// Why the figures cannot be used for revenue, or nil when ``isUsable``.
    public var problem: String? {
        if isUsable { return nil }
        if sessions < 0 { return "sessions \(sessions) is negative" }
        return "value \(value) is not treatment_net \(treatmentNet) + per-session add-ons \(addonsPerSession) + per-package add-ons \(addonsPerPackage), all non-negative"
    }

    /// When and how much revenue an accepted quote recognizes: `treatment_net` plus the
    /// per-session add-ons split over the sessions as installments are (leftover cents to
    /// the earliest), the per-package add-ons with session 1; each share on the later of
    /// its session's date and `accepted_on`. Empty unless accepted and ``isUsable``. The
    /// shares add up to ``value``; each is at most ``value``, so no sum can overflow.
    public var recognition: [(day: LocalDate, amount: Money)] {
        guard status == .accepted, let accepted = acceptedOn, !sessionDates.isEmpty, isUsable else { return [] }
        let shares = (treatmentNet + addonsPerSession).split(into: sessionDates.count)
        return zip(sessionDates, shares).enumerated().map { i, pair in
            (max(pair.0, accepted), pair.1 + (i == 0 ? addonsPerPackage : .zero))
        }
    }
}
