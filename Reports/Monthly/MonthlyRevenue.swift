import Pricing

/// Monthly revenue over a range of months (SPEC section 7), built from saved quotes fed
/// one at a time.
///
/// Any range from 0001-01 to 9999-12 works, and quotes may lie before, inside or after
/// it. Storage is sparse: each location x tier keeps only the months in which something
/// happened (``MonthlyFlows``), and deferred revenue is kept as its changes (+value in
/// the month of acceptance, -share in each month a share is recognized; changes before
/// the range go to an opening balance, changes after it are dropped), summed month by
/// month when ``rows`` are made. Memory while adding grows with the activity in the
/// range, not with its length; ``rows`` holds one `ALL` row a month plus the location x
/// tier rows with activity (the report itself).
///
/// Sums cannot trap: every flow column is also summed over the whole report with checked
/// arithmetic as quotes are added, and since every contribution is non-negative, each
/// sum of a part of them (a month's `ALL` row, a location x tier row, a workbook's Total
/// row) is at most that total and fits. Deferred revenue at a month's end, in one row or a
/// month's `ALL` row, is at most the value of all the quotes accepted by the end of the
/// range, also summed with checked arithmetic; balances of different months are never
/// added together (a workbook's Total row shows the last month's). A sum that does not fit in `Int64` cents is
/// ``ReportError/reportSumTooLarge(month:column:)`` naming the month; a record whose
/// figures are negative or do not add up (a damaged ledger row) is
/// ``ReportError/unusableRevenueRecord(quoteID:reason:)``.
public struct MonthlyRevenue {
    public let first: YearMonth
    public let last: YearMonth
    private let count: Int
    /// Each location x tier with activity -> its months with activity.
    private var buckets: [MonthlyBucketKey: Bucket] = [:]
    /// The flow columns summed over every month and location x tier (deferred change unused).
    private var grand = MonthlyFlows()
    /// The value of every quote accepted by the end of the range: a bound on deferred revenue.
    private var acceptedValue = Money.zero

    struct Bucket {
        let key: MonthlyBucketKey
        /// Month index in the range -> what happened in it.
        var months: [Int: MonthlyFlows] = [:]
        /// Deferred revenue at the start of the range (accepted before, not yet recognized).
        var opening = Money.zero
    }

    /// The months `first` to `last`, inclusive (`first` must not be after `last`).
    public init(from first: YearMonth, to last: YearMonth) {
        precondition(first <= last, "the range of months is empty")
        self.first = first
        self.last = last
        count = first.months(to: last) + 1
    }

    /// The month's index in the range (negative before it, `count` or more after it).
    private func index(_ day: LocalDate) -> Int { first.months(to: day.yearMonth) }

    /// The month with index `i` in the range (0 ..< count).
    private func month(_ i: Int) -> YearMonth { first.adding(months: i)! }

    /// The months of the range, in order.
    public var months: [YearMonth] { (0..<count).map(month) }

    /// Adds one saved quote's contributions.
    ///
    /// - Throws: ``ReportError/reportSumTooLarge(month:column:)`` or
    ///   ``ReportError/unusableRevenueRecord(quoteID:reason:)``; the report is then unusable.
    public mutating func add(_ r: RevenueRecord) throws(ReportError) {
        if let problem = r.problem { throw .unusableRevenueRecord(quoteID: r.quoteID, reason: problem) }
        let (events, opening) = contributions(of: r)
        var grand = self.grand
        for e in events {
            var flows = e.flows
            flows.deferredChange = .zero
            if let column = grand.add(flows) { throw .reportSumTooLarge(month: month(e.index).description, column: column) }
        }
        var acceptedValue = self.acceptedValue
        if r.status == .accepted, let on = r.acceptedOn, index(on) < count {
            guard let v = acceptedValue.checkedAdding(r.value) else {
                throw .reportSumTooLarge(month: on.yearMonth.description, column: "deferred_revenue_end")
            }
            acceptedValue = v
        }
        let key = MonthlyBucketKey(location: r.location, tier: r.tier)
        // The bounds above make these sums fit; they are checked all the same.
        let first = self.first
        try buckets[key, default: Bucket(key: key)].apply(events, opening: opening) { i, column in
            .reportSumTooLarge(month: first.adding(months: i)!.description, column: column)
        }
        self.grand = grand
        self.acceptedValue = acceptedValue
    }

    /// The record's flows by month index within the range, and its change of the opening
    /// deferred balance (from an acceptance and shares before the range).
    private func contributions(of r: RevenueRecord) -> (events: [(index: Int, flows: MonthlyFlows)], opening: Money) {
        var events: [(index: Int, flows: MonthlyFlows)] = []
        var opening = Money.zero
        let accepted = r.status == .accepted ? r.acceptedOn : nil
        let issued = index(r.quoteDate)
        if issued >= 0 && issued < count {
            events.append((issued, MonthlyFlows(quotesIssued: 1, quotedValue: r.value, issuedAndAccepted: accepted == nil ? 0 : 1)))
        }
        guard let accepted else { return (events, opening) }
        let booked = index(accepted)
        if booked >= count { return (events, opening) }   // every share is on or after the acceptance
        if booked < 0 { opening += r.value } else {
            events.append((booked, MonthlyFlows(quotesAccepted: 1, bookedRevenue: r.value, sessionsBooked: r.sessions,
                                                deferredChange: r.value)))
        }
        // Each share is at most the value and the shares add up to it: the opening sum stays in 0...value.
        for share in r.recognition {
            let i = index(share.day)
            if i < 0 { opening -= share.amount } else if i < count {
                events.append((i, MonthlyFlows(recognizedRevenue: share.amount, deferredChange: .zero - share.amount)))
            }
        }
        return (events, opening)
    }

    /// The rows: for each month its `ALL` row, then each location x tier with activity,
    /// sorted by month, location, tier.
    public var rows: [MonthlyRow] {
        let ordered = buckets.sorted { $0.key < $1.key }.map(\.value)
        var deferred = ordered.map(\.opening)
        var out: [MonthlyRow] = []
        for i in 0..<count {
            let month = month(i)
            var total = MonthlyRow(month: month, location: MonthlyRow.all, tier: MonthlyRow.all)
            var detail: [MonthlyRow] = []
            for (b, bucket) in ordered.enumerated() {
                let flows = bucket.months[i] ?? MonthlyFlows()
                deferred[b] += flows.deferredChange   // stays in 0 ... acceptedValue (see the type's comment)
                let row = flows.row(month: month, location: bucket.key.location, tier: bucket.key.tier, deferredEnd: deferred[b])
                total.add(row)
                if row.hasActivity { detail.append(row) }
            }
            out.append(total)
            out += detail
        }
        return out.sorted { ($0.month, $0.location, $0.tier) < ($1.month, $1.location, $1.tier) }
    }

    /// The `ALL` row of each month.
    public var totals: [MonthlyRow] { rows.filter { $0.location == MonthlyRow.all } }
}

extension MonthlyRevenue.Bucket {
    /// Adds a record's flows and opening change; `error` makes the error for a month
    /// index and column whose sum does not fit.
    mutating func apply(_ events: [(index: Int, flows: MonthlyFlows)], opening change: Money,
                        error: (Int, String) -> ReportError) throws(ReportError) {
        for e in events {
            if let column = months[e.index, default: MonthlyFlows()].add(e.flows) { throw error(e.index, column) }
        }
        guard let o = opening.checkedAdding(change) else { throw error(0, "deferred_revenue_end") }
        opening = o
    }
}
