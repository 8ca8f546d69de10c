import Pricing

/// Monthly revenue over a range of months (SPEC section 7), built from saved quotes fed
/// one at a time (memory grows with locations x tiers x months, not with quotes).
public struct MonthlyRevenue {
    public let first: YearMonth
    public let last: YearMonth
    private let count: Int
    /// "location\u{1F}tier" -> one row per month.
    private var buckets: [String: [MonthlyRow]] = [:]

    /// The months `first` to `last`, inclusive.
    public init(from first: YearMonth, to last: YearMonth) {
        precondition(first <= last, "the range of months is empty")
        self.first = first
        self.last = last
        count = MonthlyRevenue.index(last, from: first) + 1
    }

    static func index(_ m: YearMonth, from first: YearMonth) -> Int { (m.year - first.year) * 12 + m.month - first.month }

    /// The months of the range, in order.
    public var months: [YearMonth] {
        var out = [first]
        while out.count < count { out.append(out[out.count - 1].next) }
        return out
    }

    /// Adds one saved quote's contributions.
    public mutating func add(_ r: RevenueRecord) {
        let key = r.location + "\u{1F}" + r.tier
        var rows = buckets[key] ?? months.map { MonthlyRow(month: $0, location: r.location, tier: r.tier) }
        defer { buckets[key] = rows }
        let accepted = r.status == .accepted ? r.acceptedOn : nil
        let issued = Self.index(r.quoteDate.yearMonth, from: first)
        if rows.indices.contains(issued) {
            rows[issued].quotesIssued += 1
            rows[issued].quotedValue += r.value
            if accepted != nil { rows[issued].issuedAndAccepted += 1 }
        }
        guard let accepted else { return }
        let booked = Self.index(accepted.yearMonth, from: first)
        if rows.indices.contains(booked) {
            rows[booked].quotesAccepted += 1
            rows[booked].bookedRevenue += r.value
            rows[booked].sessionsBooked += r.sessions
        }
        let shares = r.recognition.map { (month: Self.index($0.day.yearMonth, from: first), amount: $0.amount) }
        for s in shares where rows.indices.contains(s.month) { rows[s.month].recognizedRevenue += s.amount }
        // Deferred at the end of each month from the acceptance on: value not yet recognized.
        var recognized = Money.zero, next = 0
        for m in max(booked, 0)..<count {
            while next < shares.count && shares[next].month <= m { recognized += shares[next].amount; next += 1 }
            rows[m].deferredRevenueEnd += r.value - recognized
        }
    }

    /// The rows: for each month its `ALL` row, then each location x tier with activity,
    /// sorted by month, location, tier.
    public var rows: [MonthlyRow] {
        var out: [MonthlyRow] = []
        let keys = buckets.keys.sorted { a, b in
            let x = a.split(separator: "\u{1F}", omittingEmptySubsequences: false)
            let y = b.split(separator: "\u{1F}", omittingEmptySubsequences: false)
            return (x[0], x[1]) < (y[0], y[1])
        }
        for (i, month) in months.enumerated() {
            var total = MonthlyRow(month: month, location: MonthlyRow.all, tier: MonthlyRow.all)
            var detail: [MonthlyRow] = []
            for key in keys {
                let row = buckets[key]![i]
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
