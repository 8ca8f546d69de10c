import Foundation
import Pricing

/// "Today" for a command: the pinned day when given (`--date`, `--on`: runs are then
/// reproducible), else the system's local calendar date.
enum Today {
    static func resolve(_ pinned: LocalDate?) -> LocalDate {
        if let pinned { return pinned }
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
