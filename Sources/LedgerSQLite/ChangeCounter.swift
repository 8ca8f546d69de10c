import Foundation
import Synchronization

/// SQLite's file change counter: the 4 bytes at offset 24 of a database file, which every
/// transaction that changes a database in rollback-journal mode (as ledgers always are)
/// increments, whichever process or connection commits it. Read straight from the file,
/// without a connection or a lock, it tells whether anything changed since it was last
/// read: what lets ``LookupCache`` keep answers without ever giving a stale one.
final class ChangeCounter: Sendable {
    private let file: Mutex<FileHandle>

    /// The counter of the database file at `path`; nil when it cannot be opened to read.
    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        file = Mutex(handle)
    }

    deinit {
        file.withLock { try? $0.close() }
    }

    /// The counter now; nil when it cannot be read (no cache is used then).
    func value() -> UInt32? {
        file.withLock { handle in
            guard (try? handle.seek(toOffset: 24)) != nil, let bytes = try? handle.read(upToCount: 4), bytes.count == 4 else {
                return nil
            }
            return bytes.reduce(0) { $0 << 8 | UInt32($1) }
        }
    }
}

/// Answers of lookups made at every web request (an API token's account, a session, an
/// account by name), each kept with the ``ChangeCounter`` value read before it was looked
/// up, and given again only while the counter still has that value: any commit to the
/// ledger, from this process or another (`spaquote user disable`, a revocation, a save),
/// empties it in effect. A revoked token or disabled account is refused at the next request.
final class LookupCache<Value: Sendable>: Sendable {
    /// The most answers kept; past it the cache starts afresh.
    static var capacity: Int { 4_096 }

    private let state = Mutex<(counter: UInt32, answers: [String: Value])>((0, [:]))

    /// The answer kept for `key` if the ledger is unchanged since (`counter` is the value now).
    func answer(_ key: String, counter: UInt32) -> Value? {
        state.withLock { $0.counter == counter ? $0.answers[key] : nil }
    }

    /// Keeps `value` for `key`, looked up after the counter read `counter`.
    func keep(_ value: Value, for key: String, counter: UInt32) {
        state.withLock { state in
            if state.counter != counter || state.answers.count >= Self.capacity { state = (counter, [:]) }
            state.answers[key] = value
        }
    }
}
