/// A day of the week, named as rate cards name it (`closed_weekdays = ["sunday"]`).
public enum Weekday: String, CaseIterable, Sendable, Comparable {
    case sunday, monday, tuesday, wednesday, thursday, friday, saturday

    /// The English name with a capital ("Tuesday").
    public var displayName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public static func < (a: Weekday, b: Weekday) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
