/// A day of the week, named as rate cards name it (`closed_weekdays = ["sunday"]`).
public enum Weekday: String, CaseIterable, Sendable, Comparable {
    case sunday, monday, tuesday, wednesday, thursday, friday, saturday

    /// 0 for Sunday ... 6 for Saturday.
    public var index: Int {
        switch self {
        case .sunday: 0
        case .monday: 1
        case .tuesday: 2
        case .wednesday: 3
        case .thursday: 4
        case .friday: 5
        case .saturday: 6
        }
    }

    /// The weekday with `index` 0 (Sunday) to 6 (Saturday).
    public init(index: Int) {
        switch index {
        case 0: self = .sunday
        case 1: self = .monday
        case 2: self = .tuesday
        case 3: self = .wednesday
        case 4: self = .thursday
        case 5: self = .friday
        default: self = .saturday
        }
    }

    /// The English name with a capital ("Tuesday").
    public var displayName: String {
        switch self {
        case .sunday: "Sunday"
        case .monday: "Monday"
        case .tuesday: "Tuesday"
        case .wednesday: "Wednesday"
        case .thursday: "Thursday"
        case .friday: "Friday"
        case .saturday: "Saturday"
        }
    }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.index < b.index }
}
