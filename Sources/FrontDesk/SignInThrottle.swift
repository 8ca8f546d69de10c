import Synchronization

/// Repeated failed sign-ins for one account name, or from one address, first slow down
/// (each further attempt waits before its password is checked) and then lock the name or
/// the address for a while (SPEC section 9: 429). Counted in this server's memory: a
/// restart, or another server over the same ledger, counts afresh (bcrypt's cost still
/// slows guessing there).
///
/// Attempts under way count against the limit for the name, so attempts sent at once
/// cannot all pass before the first failure is counted. For an address they count only
/// once one more failure would lock it: staff behind one NAT address signing in at the
/// same moment are not refused.
final class SignInThrottle: Sendable {
    /// Failures that lock a name or an address.
    static let limit = 5
    /// Failures after which each further attempt waits (``delay(afterFailures:)``).
    static let slowAfter = 2
    /// How long failures are remembered, and a lock lasts after the last one, in seconds.
    static let window: Int64 = 15 * 60

    /// What ``begin(name:address:at:)`` decided for one attempt.
    enum Decision: Equatable, Sendable {
        /// Check the password now.
        case admitted
        /// Wait this many seconds, then check the password (the attempt counts as under way
        /// while it waits).
        case delayed(seconds: Int64)
        /// The name or the address is locked until this Unix second: refused unchecked.
        case locked(until: Int64)
        /// Attempts already under way could lock the name or the address: refused unchecked,
        /// counting nothing; try again in a moment.
        case busy
    }

    /// A lock that one failure started: the keys (`name:…`, `address:…`) that reached the
    /// limit, and the Unix second it ends unless more failures come.
    struct Lock: Equatable, Sendable {
        let keys: [String]
        let until: Int64
    }

    /// How an admitted attempt ended.
    enum Outcome { case failed, succeeded, abandoned }

    private struct Record { var failures = 0; var inFlight = 0; var last: Int64 }
    private let records = Mutex<[String: Record]>([:])

    /// Seconds an attempt waits after `failures` failures of its name or address (the
    /// larger): none below ``slowAfter``, then 1, 2, 4… seconds.
    static func delay(afterFailures failures: Int) -> Int64 {
        failures < slowAfter ? 0 : Int64(1) << min(failures - slowAfter, 10)
    }

    /// Decides one attempt for `name` from `address`. An attempt admitted or delayed counts
    /// as under way until ``settle(name:address:_:at:)``.
    func begin(name: String, address: String, at now: Int64) -> Decision {
        let keys = Self.keys(name, address)
        return records.withLock { records in
            for key in keys { Self.expire(&records, key, now) }
            let byName = records[keys[0]], byAddress = records[keys[1]]
            let locked = [byName, byAddress].compactMap { $0 }.filter { $0.failures >= Self.limit }
            if let until = locked.map({ $0.last + Self.window }).max() { return .locked(until: until) }
            let nameCount = (byName?.failures ?? 0) + (byName?.inFlight ?? 0)
            let addressFailures = byAddress?.failures ?? 0
            let addressCount = addressFailures + (addressFailures >= Self.limit - 1 ? byAddress?.inFlight ?? 0 : 0)
            guard nameCount < Self.limit, addressCount < Self.limit else { return .busy }
            for key in keys { records[key, default: Record(last: now)].inFlight += 1 }
            let wait = Self.delay(afterFailures: max(byName?.failures ?? 0, addressFailures))
            return wait == 0 ? .admitted : .delayed(seconds: wait)
        }
    }

    /// Ends an attempt ``begin(name:address:at:)`` admitted or delayed: a failure counts
    /// against the name and the address; a success forgets the name's failures; an
    /// abandoned attempt (the ledger failed, the wait was cancelled) counts for nothing.
    ///
    /// - Returns: the lock this failure started, nil when it started none.
    @discardableResult
    func settle(name: String, address: String, _ outcome: Outcome, at now: Int64) -> Lock? {
        let keys = Self.keys(name, address)
        return records.withLock { records in
            var locked: [String] = []
            for key in keys {
                guard var record = records[key] else { continue }
                record.inFlight = max(0, record.inFlight - 1)
                if outcome == .failed {
                    record.failures += 1; record.last = now
                    if record.failures == Self.limit { locked.append(key) }
                }
                if outcome == .succeeded, key == keys[0] { record.failures = 0 }
                records[key] = record
            }
            if records.count > 100_000 { records = records.filter { now - $0.value.last < Self.window || $0.value.inFlight > 0 } }
            return locked.isEmpty ? nil : Lock(keys: locked, until: now + Self.window)
        }
    }

    /// The name's key, then the address's.
    private static func keys(_ name: String, _ address: String) -> [String] { ["name:" + name, "address:" + address] }

    /// Forgets failures older than the window.
    private static func expire(_ records: inout [String: Record], _ key: String, _ now: Int64) {
        if var record = records[key], now - record.last >= window {
            record.failures = 0
            records[key] = record
        }
    }
}
