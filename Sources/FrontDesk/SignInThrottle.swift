import Synchronization

/// Repeated failed sign-ins lock an account name, or the address they come from, for a
/// while (SPEC section 9: 429). Counted in this server's memory: a restart, or another
/// server over the same ledger, counts afresh (bcrypt's cost still slows guessing there).
final class SignInThrottle: Sendable {
    /// Failures that lock a name or an address.
    static let limit = 5
    /// How long failures are remembered, and a lock lasts after the last one, in seconds.
    static let window: Int64 = 15 * 60

    private struct Record { var failures: Int; var last: Int64 }
    private let records = Mutex<[String: Record]>([:])

    /// Seconds until `keys` may try again (the longest of their locks), 0 when none is locked.
    func wait(for keys: [String], at now: Int64) -> Int64 {
        records.withLock { records in
            keys.compactMap { records[$0] }.filter { $0.failures >= Self.limit && now - $0.last < Self.window }
                .map { Self.window - (now - $0.last) }.max() ?? 0
        }
    }

    /// Counts a failure against every key.
    func failed(_ keys: [String], at now: Int64) {
        records.withLock { records in
            for key in keys {
                var record = records[key] ?? Record(failures: 0, last: now)
                if now - record.last >= Self.window { record.failures = 0 }
                record.failures += 1
                record.last = now
                records[key] = record
            }
            if records.count > 100_000 { records = records.filter { now - $0.value.last < Self.window } }
        }
    }

    /// Forgets the failures of `key` (a name that signed in).
    func succeeded(_ key: String) {
        _ = records.withLock { $0.removeValue(forKey: key) }
    }
}
