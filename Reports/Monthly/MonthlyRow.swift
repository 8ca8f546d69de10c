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

    /// `issuedAndAccepted / quotesIssued` in exact ten-thousandths (half up), nil when none were issued.
    public var conversion: ConversionRate? { ConversionRate(accepted: issuedAndAccepted, issued: quotesIssued) }

    /// ``conversion`` with 4 decimals (`0.7500`), as the CSV writes it; nil when none were issued.
    public var conversionRate: String? { conversion?.text }

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

    /// The CSV columns of SPEC section 7 (``MonthlyColumn/header``).
    public static let columns: [String] = MonthlyColumn.header

    /// This row's CSV cells, in ``columns`` order (``MonthlyColumn/cell(_:)``).
    public var cells: [Cell] { MonthlyColumn.ordered.map { $0.cell(self) } }
}
