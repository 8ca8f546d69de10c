import Pricing

/// What one location x tier did in one month, as ``MonthlyRevenue`` stores it: the flow
/// columns of a ``MonthlyRow`` and the change of deferred revenue over the month (money
/// in cents). Only months with activity are stored, so a report over any range of months
/// holds no more of these than its quotes make.
struct MonthlyFlows: Sendable, Equatable {
    var quotesIssued = 0
    var quotedValue = Money.zero
    var issuedAndAccepted = 0
    var quotesAccepted = 0
    var bookedRevenue = Money.zero
    var sessionsBooked = 0
    var recognizedRevenue = Money.zero
    /// Value accepted in the month minus value recognized in it (may be negative).
    var deferredChange = Money.zero

    /// Adds `other` field by field with checked arithmetic; returns the report column
    /// whose sum does not fit (`self` is then partly updated and must be dropped), or nil.
    mutating func add(_ other: MonthlyFlows) -> String? {
        func sum(_ a: inout Int, _ b: Int) -> Bool {
            let (s, o) = a.addingReportingOverflow(b); a = s; return !o
        }
        func sum(_ a: inout Money, _ b: Money) -> Bool {
            guard let s = a.checkedAdding(b) else { return false }
            a = s; return true
        }
        if !sum(&quotesIssued, other.quotesIssued) { return "quotes_issued" }
        if !sum(&quotedValue, other.quotedValue) { return "quoted_value" }
        if !sum(&issuedAndAccepted, other.issuedAndAccepted) { return "conversion_rate" }
        if !sum(&quotesAccepted, other.quotesAccepted) { return "quotes_accepted" }
        if !sum(&bookedRevenue, other.bookedRevenue) { return "booked_revenue" }
        if !sum(&sessionsBooked, other.sessionsBooked) { return "sessions_booked" }
        if !sum(&recognizedRevenue, other.recognizedRevenue) { return "recognized_revenue" }
        if !sum(&deferredChange, other.deferredChange) { return "deferred_revenue_end" }
        return nil
    }

    /// The row for `month`, `location`, `tier` with these flows and `deferredEnd`.
    func row(month: YearMonth, location: String, tier: String, deferredEnd: Money) -> MonthlyRow {
        var r = MonthlyRow(month: month, location: location, tier: tier)
        r.quotesIssued = quotesIssued; r.quotedValue = quotedValue; r.issuedAndAccepted = issuedAndAccepted
        r.quotesAccepted = quotesAccepted; r.bookedRevenue = bookedRevenue; r.sessionsBooked = sessionsBooked
        r.recognizedRevenue = recognizedRevenue; r.deferredRevenueEnd = deferredEnd
        return r
    }
}
