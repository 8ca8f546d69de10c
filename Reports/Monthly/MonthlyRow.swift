import Pricing

/// One row of the monthly revenue report (SPEC section 7): a month, and a location and
/// tier (or `ALL` for the month's totals). Money in cents.
public struct MonthlyRow: Sendable, Equatable {
    public static let all = "ALL"

    public var month: YearMonth
    public var location: String
    public var tier: String
    /// Quotes dated in the month, and their value (`total - tax`).
    public var quotesIssued = 0
    public var quotedValue = Money.zero
    /// Of the quotes dated in the month, how many are accepted now ("so far").
    public var issuedAndAccepted = 0
    /// Quotes accepted in the month, their value and sessions.
    public var quotesAccepted = 0
    public var bookedRevenue = Money.zero
    public var sessionsBooked = 0
    public var recognizedRevenue = Money.zero
    /// Value accepted by the month's end and not yet recognized.
    public var deferredRevenueEnd = Money.zero

    public init(month: YearMonth, location: String, tier: String) {
        self.month = month
        self.location = location
        self.tier = tier
    }

    /// Whether anything happened: a quote issued or accepted, revenue recognized or deferred.
    public var hasActivity: Bool {
        quotesIssued > 0 || quotesAccepted > 0 || recognizedRevenue != .zero || deferredRevenueEnd != .zero
    }

    /// `issuedAndAccepted / quotesIssued` with 4 decimals (half up), nil when none were issued.
    public var conversionRate: String? {
        guard quotesIssued > 0 else { return nil }
        let tenThousandths = RoundingMode.halfUp.divide(Int128(issuedAndAccepted) * 10_000, by: Int128(quotesIssued))
        return ExactDecimal.fixed(tenThousandths, decimals: 4)
    }

    /// Adds `other`'s columns to this row's (a month's `ALL` row; a workbook's Total row,
    /// which adds the flows only, with `deferredRevenueEnd` zeroed). Rows come from
    /// ``MonthlyRevenue``, which checks, as quotes are added, the sum of every flow column
    /// over the whole report and each month's deferred balance over all its rows: all
    /// contributions are non-negative, so these sums cannot overflow here. Deferred
    /// balances of different months are never to be added together: they are not checked.
    mutating func add(_ other: MonthlyRow) {
        quotesIssued += other.quotesIssued
        quotedValue += other.quotedValue
        issuedAndAccepted += other.issuedAndAccepted
        quotesAccepted += other.quotesAccepted
        bookedRevenue += other.bookedRevenue
        sessionsBooked += other.sessionsBooked
        recognizedRevenue += other.recognizedRevenue
        deferredRevenueEnd += other.deferredRevenueEnd
    }

    /// The CSV columns of SPEC section 7.
    public static let columns = ["month", "location", "tier", "quotes_issued", "quoted_value", "quotes_accepted",
                                 "conversion_rate", "booked_revenue", "sessions_booked", "recognized_revenue",
                                 "deferred_revenue_end"]

    /// This row's cells, in ``columns`` order.
    public var cells: [Cell] {
        [.text(month.description), .text(location), .text(tier), .integer(quotesIssued), .money(quotedValue),
         .integer(quotesAccepted), conversionRate.map(Cell.text) ?? .empty, .money(bookedRevenue),
         .integer(sessionsBooked), .money(recognizedRevenue), .money(deferredRevenueEnd)]
    }
}
