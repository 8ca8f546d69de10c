import ArgumentParser
import Foundation
import Pricing

/// "Today" for a command: `--date` when given (so runs are reproducible), else the
/// system's local calendar date.
enum Today {
    static func resolve(_ pinned: String?) throws -> LocalDate {
        if let pinned {
            guard let d = LocalDate(iso: pinned) else {
                throw fail("--date '\(pinned)' is not a real date; write YYYY-MM-DD, for example 2026-11-01", code: 64)
            }
            return d
        }
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
