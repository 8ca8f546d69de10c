import Pricing

/// The columns of the monthly revenue report (SPEC section 7), in order: the one mapping of
/// a ``MonthlyRow`` to its CSV header and cells and to the workbook's labels, widths and
/// cells (``MonthlyCSVWriter``, ``MonthlyXLSXWriter``). The raw value is the CSV's name.
public enum MonthlyColumn: String, CaseIterable, Sendable {
    case month, location, tier
    case quotesIssued = "quotes_issued", quotedValue = "quoted_value", quotesAccepted = "quotes_accepted"
    case conversionRate = "conversion_rate", bookedRevenue = "booked_revenue", sessionsBooked = "sessions_booked"
    case recognizedRevenue = "recognized_revenue", deferredRevenueEnd = "deferred_revenue_end"

    /// Every column in order, made once.
    public static let ordered: [MonthlyColumn] = allCases

    /// The CSV header row.
    public static let header: [String] = ordered.map(\.rawValue)

    /// The workbook's `Summary` sheet: one row a month, so no location or tier.
    public static let summary: [MonthlyColumn] = ordered.filter { $0 != .location && $0 != .tier }

    /// The header label for people (`Quotes issued`), as the workbook's sheets show it.
    public var label: String { XLSXLabels.label(rawValue) }

    /// The narrowest a workbook column is (characters), whatever its label.
    var minimumWidth: Double {
        switch self {
        case .month: 10
        case .location, .tier: 12
        default: 13
        }
    }

    /// This column's value in `row` (money in cents; the rate exact).
    public func value(_ row: MonthlyRow) -> MonthlyValue {
        switch self {
        case .month: .cell(.text(row.month.description))
        case .location: .cell(.text(row.location))
        case .tier: .cell(.text(row.tier))
        case .quotesIssued: .cell(.integer(row.quotesIssued))
        case .quotedValue: .cell(.money(row.quotedValue))
        case .quotesAccepted: .cell(.integer(row.quotesAccepted))
        case .conversionRate: .rate(row.conversion)
        case .bookedRevenue: .cell(.money(row.bookedRevenue))
        case .sessionsBooked: .cell(.integer(row.sessionsBooked))
        case .recognizedRevenue: .cell(.money(row.recognizedRevenue))
        case .deferredRevenueEnd: .cell(.money(row.deferredRevenueEnd))
        }
    }

    /// This column's cell for `row` in a CSV (the rate as its text).
    public func cell(_ row: MonthlyRow) -> Cell { value(row).cell }

    /// What the `Summary` sheet's Total row holds under this column.
    enum Total: Equatable {
        /// The row's name.
        case label(String)
        /// A `SUM` over the months (a flow).
        case sum
        /// The last month's value (a balance: balances of months are not added).
        case lastMonth
        /// Nothing (a ratio of sums is not a sum of ratios).
        case blank
    }

    var total: Total {
        switch self {
        case .month: .label("Total")
        case .conversionRate: .blank
        case .deferredRevenueEnd: .lastMonth
        default: .sum
        }
    }
}
