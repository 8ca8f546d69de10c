import Platform

/// SQLite's file change counter: the 4 bytes at offset 24 of a database file, which every
/// transaction that changes a database in rollback-journal mode (as ledgers always are)
/// increments, whichever process or connection commits it. Read straight from the file,
/// without a connection or a lock, it tells whether anything changed since it was last
/// read: what lets ``LookupCache`` keep answers without ever giving a stale one.
///
/// One `pread(2)` on a descriptor kept open: reads at an explicit offset share no file
/// position, so concurrent readers need no lock (at every request of the web server).
final class ChangeCounter: Sendable {
    private let fd: Int32

    /// The counter of the database file at `path`; nil when it cannot be opened to read.
    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        self.fd = fd
    }

    deinit {
        LibC.close(fd)
    }

    /// The counter now (big-endian in the file); nil when it cannot be read (no cache is used then).
    func value() -> UInt32? {
        var bytes: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let count = withUnsafeMutableBytes(of: &bytes) { pread(fd, $0.baseAddress, 4, 24) }
        guard count == 4 else { return nil }
        return UInt32(bytes.0) << 24 | UInt32(bytes.1) << 16 | UInt32(bytes.2) << 8 | UInt32(bytes.3)
    }
}
