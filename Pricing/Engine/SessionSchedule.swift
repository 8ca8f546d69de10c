/// The dated sessions of a plan (SPEC section 4 step 11).
///
/// Session i (from 1) is planned on `start + 7 x spacingWeeks x (i - 1)` days; a planned
/// day on which the location is closed moves forward to the next open day. Moves do not
/// accumulate: each session is planned from the start date, not from the moved session.
public struct SessionSchedule: Sendable, Equatable {
    /// One session: when it was planned and when it takes place.
    public struct Session: Sendable, Equatable {
        /// 1-based.
        public var number: Int
        public var planned: LocalDate
        public var date: LocalDate
        /// Whether a closed day moved it.
        public var moved: Bool { planned != date }

        public init(number: Int, planned: LocalDate, date: LocalDate) { self.number = number; self.planned = planned; self.date = date }
    }

    public var sessions: [Session]

    /// Plans `count` sessions from `start`, `spacingWeeks` apart, at `location`; nil when
    /// a session (planned, or moved past a closed day) would fall after 9999-12-31.
    public init?(start: LocalDate, count: Int, spacingWeeks: Int, location: Location) {
        guard let sessions = SessionSchedule.plan(start: start, count: count, spacingWeeks: spacingWeeks,
                                                  location: location) else { return nil }
        self.sessions = sessions
    }

    /// The sessions of the plan, or nil when one of them would fall after 9999-12-31.
    static func plan(start: LocalDate, count: Int, spacingWeeks: Int, location: Location) -> [Session]? {
        var out: [Session] = []
        out.reserveCapacity(max(0, count))
        for i in 0..<max(0, count) {
            guard let planned = start.checkedAdding(weeks: spacingWeeks, times: i),
                  let date = location.nextOpenDay(onOrAfter: planned) else { return nil }
            out.append(Session(number: i + 1, planned: planned, date: date))
        }
        return out
    }

    public init(sessions: [Session]) { self.sessions = sessions }
}
