import Foundation
import Pricing
import Synchronization

/// The server's clock: Unix seconds for sessions, and "today" (the local calendar date, as
/// the command line's default quote date) for quotes, and waiting (a slowed-down sign-in).
/// Tests give a fixed one, whose waits return at once.
public struct FrontDeskClock: Sendable {
    /// The current time in Unix seconds.
    public var now: @Sendable () -> Int64
    /// Today's date where the clinic is.
    public var today: @Sendable () -> LocalDate
    /// Suspends the calling task (not a thread) for the given number of seconds; throws
    /// when the task is cancelled.
    public var sleep: @Sendable (Int64) async throws -> Void

    public init(now: @escaping @Sendable () -> Int64, today: @escaping @Sendable () -> LocalDate,
                sleep: @escaping @Sendable (Int64) async throws -> Void = FrontDeskClock.taskSleep) {
        self.now = now; self.today = today; self.sleep = sleep
    }

    /// `Task.sleep` for `seconds` seconds.
    public static let taskSleep: @Sendable (Int64) async throws -> Void = { seconds in
        try await Task.sleep(for: .seconds(seconds))
    }

    /// The system clock, and today in the system's time zone (worked out by the calendar
    /// at most once a second: a busy server asks for it at every request).
    public static let system: FrontDeskClock = {
        let lastDay = Mutex<(second: Int64, day: LocalDate)?>(nil)
        return FrontDeskClock(
            now: { Int64(Date().timeIntervalSince1970) },
            today: {
                let now = Date(), second = Int64(now.timeIntervalSince1970.rounded(.down))
                if let known = lastDay.withLock({ $0 }), known.second == second { return known.day }
                let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: now)
                let day = LocalDate(year: c.year!, month: c.month!, day: c.day!)!
                lastDay.withLock { $0 = (second, day) }
                return day
            })
    }()
}
