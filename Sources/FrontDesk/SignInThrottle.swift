import Synchronization

/// Repeated failed sign-ins lock an account name, or the address they come from, for a
/// while (SPEC section 9: 429). Counted in this server's memory: a restart, or another
/// server over the same ledger, counts afresh (bcrypt's cost still slows guessing there).
final class SignInThrottle: Sendable {
    /// Failures that lock a name or an address.
    static let limit = 5
    /// How long failures are remembered, and a lock lasts after the last one, in seconds.
    static let window: Int64 = 15 * 60

    private struct Record { var failures: Int; var inFlight: Int; var last: Int64 }
    private let records = Mutex<[String: Record]>([:])

    /// Admits one attempt for `keys`, or tells how long they are locked: seconds until they
    /// may try again, 0 when admitted. An admitted attempt counts against the limit until
    /// ``settle(_:_:at:)``, so attempts sent at once cannot all pass before the first
    /// failure is counted.
    func begin(_ keys: [String], at now: Int64) -> Int64 {
        records.withLock { records in
            for key in keys { Self.expire(&records, key, now) }
            let wait = keys.compactMap { records[$0] }.filter { $0.failures + $0.inFlight >= Self.limit }
                .map { $0.failures >= Self.limit ? Self.window - (now - $0.last) : 1 }.max() ?? 0
            guard wait == 0 else { return max(wait, 1) }
            for key in keys { records[key, default: Record(failures: 0, inFlight: 0, last: now)].inFlight += 1 }
            return 0
        }
    }

    /// How an admitted attempt ended.
    enum Outcome { case failed, succeeded, abandoned }

    /// Ends an attempt ``begin(_:at:)`` admitted: a failure counts against every key; a
    /// success forgets the failures of the first key (the name); an abandoned attempt (the
    /// ledger failed) counts for nothing.
    func settle(_ keys: [String], _ outcome: Outcome, at now: Int64) {
        let failed = outcome == .failed
        records.withLock { records in
            for key in keys {
                guard var record = records[key] else { continue }
                record.inFlight = max(0, record.inFlight - 1)
                if failed { record.failures += 1; record.last = now }
                records[key] = record
            }
            if outcome == .succeeded, let name = keys.first { records.removeValue(forKey: name) }
            if records.count > 100_000 { records = records.filter { now - $0.value.last < Self.window || $0.value.inFlight > 0 } }
        }
    }

    /// Forgets failures older than the window.
    private static func expire(_ records: inout [String: Record], _ key: String, _ now: Int64) {
        if var record = records[key], now - record.last >= window {
            record.failures = 0
            records[key] = record
        }
    }
}
