/// A calendar date without a time zone (ISO `YYYY-MM-DD`), stored as a day number.
///
/// Arithmetic is on whole days; no clock, time zone or locale is involved.
///
/// Every `LocalDate` lies in ``earliest`` ... ``latest`` (0001-01-01 to 9999-12-31), the
/// dates ISO `YYYY-MM-DD` can write: a day number outside that range is refused
/// (``init(checkedDayNumber:)``, ``checkedAdding(days:)`` return nil), never wrapped to a
/// date that prints as year 0000 or 10000.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    /// The day number of 0001-01-01.
    public static let earliestDayNumber = -719_162
    /// The day number of 9999-12-31.
    public static let latestDayNumber = 2_932_896
    /// 0001-01-01, the first date spaquote handles.
    public static let earliest = LocalDate(uncheckedDayNumber: earliestDayNumber)
    /// 9999-12-31, the last date spaquote handles.
    public static let latest = LocalDate(uncheckedDayNumber: latestDayNumber)

    /// The date `dayNumber` days after 1970-01-01, which must lie in ``earliest`` ...
    /// ``latest`` (a precondition: use ``init(checkedDayNumber:)`` for a computed number).
    public init(dayNumber: Int) {
        precondition(dayNumber >= LocalDate.earliestDayNumber && dayNumber <= LocalDate.latestDayNumber,
                     "day number outside 0001-01-01...9999-12-31")
        self.dayNumber = dayNumber
    }

    /// The date `dayNumber` days after 1970-01-01, or nil when that is before 0001-01-01
    /// or after 9999-12-31.
    public init?(checkedDayNumber dayNumber: Int) {
        guard dayNumber >= LocalDate.earliestDayNumber && dayNumber <= LocalDate.latestDayNumber else { return nil }
        self.dayNumber = dayNumber
    }

    private init(uncheckedDayNumber: Int) { dayNumber = uncheckedDayNumber }

    /// The date, or nil when it does not exist (2026-02-30) or the year is outside 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        dayNumber = era * 146_097 + doe - 719_468
    }

    /// Parses strict ISO `YYYY-MM-DD`; nil for any other shape or an impossible date.
    public init?(iso text: some StringProtocol) {
        // Contiguous UTF-8 (native strings and their substrings) goes to the byte parser
        // without a copy; anything else is read byte by byte into ten bytes first.
        if let parsed = text.utf8.withContiguousStorageIfAvailable({ LocalDate(isoUTF8: $0) }) {
            guard let date = parsed else { return nil }
            self = date
            return
        }
        var ten: (UInt64, UInt16) = (0, 0)
        var count = 0
        let date: LocalDate? = withUnsafeMutableBytes(of: &ten) { raw in
            for b in text.utf8 {
                guard count < 10 else { return nil }
                raw[count] = b
                count += 1
            }
            return LocalDate(isoUTF8: UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
        }
        guard let date else { return nil }
        self = date
    }

    /// Parses strict ISO `YYYY-MM-DD` from UTF-8 bytes (a ledger column, a CSV field);
    /// nil for any other shape or an impossible date.
    public init?(isoUTF8 b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var v = 0
            for i in range {
                let d = b[i] &- 0x30
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            return v
        }
        guard let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Year, month and day (Hinnant's civil_from_days).
    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// The month this date falls in.
    public var yearMonth: YearMonth {
        let c = components
        return YearMonth(year: c.year, month: c.month)!
    }

    /// The day of the week.
    public var weekday: Weekday { Weekday(index: weekdayIndex) }

    /// 0 for Sunday ... 6 for Saturday (1970-01-01 was a Thursday).
    public var weekdayIndex: Int { ((dayNumber % 7) + 7 + 4) % 7 }

    /// The date `days` days later (earlier when negative). The result must lie in
    /// ``earliest`` ... ``latest`` (a precondition); when `days` comes from input, use
    /// ``checkedAdding(days:)``, which returns nil instead.
    public func adding(days: Int) -> LocalDate {
        guard let date = checkedAdding(days: days) else { preconditionFailure("\(self) + \(days) days is outside 0001-01-01...9999-12-31") }
        return date
    }

    /// The date `days` days later (earlier when negative), or nil when it would fall
    /// before 0001-01-01 or after 9999-12-31 (any `Int`, however large, is safe).
    public func checkedAdding(days: Int) -> LocalDate? {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        return overflow ? nil : LocalDate(checkedDayNumber: sum)
    }

    /// The date `weeks x times` weeks later, or nil when it would fall after 9999-12-31
    /// (or before 0001-01-01) or the product overflows: session `times + 1` of a plan
    /// spaced `weeks` weeks apart (SPEC section 4 step 11).
    public func checkedAdding(weeks: Int, times: Int) -> LocalDate? {
        let (perStep, o1) = weeks.multipliedReportingOverflow(by: 7)
        let (days, o2) = perStep.multipliedReportingOverflow(by: times)
        return o1 || o2 ? nil : checkedAdding(days: days)
    }

    /// Whole days from `self` to `other`.
    public func days(to other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// ISO `YYYY-MM-DD`.
    public var description: String { withISOBytes { String(decoding: $0, as: UTF8.self) } }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
