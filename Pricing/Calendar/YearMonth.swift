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

    /// The last day of the month.
    public var lastDay: LocalDate { next.firstDay.adding(days: -1) }

    /// The following month.
    public var next: YearMonth {
        month == 12 ? YearMonth(year: year + 1, month: 1)! : YearMonth(year: year, month: month + 1)!
    }

    /// `YYYY-MM`.
    public var description: String { LocalDate.pad(year, 4) + "-" + LocalDate.pad(month, 2) }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}
