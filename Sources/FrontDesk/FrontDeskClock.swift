import Foundation
import Pricing

/// The server's clock: Unix seconds for sessions, and "today" (the local calendar date, as
/// the command line's default quote date) for quotes. Tests give a fixed one.
public struct FrontDeskClock: Sendable {
    /// The current time in Unix seconds.
    public var now: @Sendable () -> Int64
    /// Today's date where the clinic is.
    public var today: @Sendable () -> LocalDate

    public init(now: @escaping @Sendable () -> Int64, today: @escaping @Sendable () -> LocalDate) {
        self.now = now; self.today = today
    }

    /// The system clock, and today in the system's time zone.
    public static let system = FrontDeskClock(
        now: { Int64(Date().timeIntervalSince1970) },
        today: {
            let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
            return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
        })
}
