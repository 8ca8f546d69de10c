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
