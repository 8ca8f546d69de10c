/// A calendar month (`YYYY-MM`), for monthly revenue.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// The month, or nil when `month` is not 1...12 or the year is outside 1...9999.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses strict `YYYY-MM`.
    public init?(iso text: some StringProtocol) {
        guard text.utf8.count == 7, let first = LocalDate(iso: text + "-01") else { return nil }
        self = first.yearMonth
    }

    /// The first day of the month.
    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1)! }

    /// The last day of the month (9999-12 has 9999-12-31).
    public var lastDay: LocalDate { LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))! }

    /// The following month; nil after 9999-12, the last month spaquote handles.
    public var next: YearMonth? { adding(months: 1) }

    /// Months since 0001-01 (0001-01 is 0, 9999-12 is 119,987).
    public var ordinal: Int { (year - 1) * 12 + (month - 1) }

    /// The month with ``ordinal`` `ordinal`, or nil outside 0001-01 ... 9999-12.
    public init?(ordinal: Int) {
        guard ordinal >= 0 && ordinal < 9999 * 12 else { return nil }
        self.init(year: ordinal / 12 + 1, month: ordinal % 12 + 1)
    }

    /// The month `months` later (earlier when negative), or nil outside 0001-01 ... 9999-12.
    public func adding(months: Int) -> YearMonth? {
        let (o, overflow) = ordinal.addingReportingOverflow(months)
        return overflow ? nil : YearMonth(ordinal: o)
    }

    /// Months from `self` to `other` (negative when `other` is earlier).
    public func months(to other: YearMonth) -> Int { other.ordinal - ordinal }

    /// `YYYY-MM`.
    public var description: String { LocalDate.pad(year, 4) + "-" + LocalDate.pad(month, 2) }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
