// The one place that knows which C library the system has: every other file imports
// Platform instead of choosing between Glibc and Darwin itself.
//
// spaquote is built and tested on Linux with glibc (Debian) only, so that is the only
// library named here; another platform fails at this line rather than somewhere later.
#if canImport(Glibc)
@_exported import Glibc
#else
#error("spaquote is built and tested on Linux (glibc) only: see the README's requirements")
#endif

/// C library calls under names no Swift type shadows: a type with its own `close()` or
/// `write(_:)` method reaches the C function as `LibC.close(fd)` rather than through the
/// C library's module name.
public enum LibC {
    /// `close(2)`: the result of the call (0, or -1 with `errno` set).
    @inlinable @discardableResult
    public static func close(_ fd: Int32) -> Int32 { Glibc.close(fd) }

    /// `write(2)`: the bytes written, or -1 with `errno` set.
    @inlinable
    public static func write(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int { Glibc.write(fd, bytes, count) }

    /// `exit(3)`.
    @inlinable
    public static func exit(_ status: Int32) -> Never { Glibc.exit(status) }
}
extension LibC {
    /// `send(2)`: the bytes sent, or -1 with `errno` set.
    @inlinable
    public static func send(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
        Glibc.send(fd, bytes, count, flags)
    }

    /// `read(2)`: the bytes read, 0 at the end, or -1 with `errno` set.
    @inlinable
    public static func read(_ fd: Int32, _ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Int { Glibc.read(fd, bytes, count) }

    /// A connected pair of Unix stream sockets, both close-on-exec (`socketpair(2)`), or nil
    /// with `errno` set. glibc's `SOCK_STREAM` is an enumeration case, hence this function.
    public static func streamSocketPair() -> (Int32, Int32)? {
        var fds: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &fds) == 0 else { return nil }
        return (fds[0], fds[1])
    }

    /// A new stream socket of `domain` (`AF_INET`, `AF_UNIX`: `socket(2)`), or -1 with
    /// `errno` set. glibc's `SOCK_STREAM` is an enumeration case, hence this function.
    public static func streamSocket(_ domain: Int32) -> Int32 { socket(domain, Int32(SOCK_STREAM.rawValue), 0) }

    /// Whether a `waitpid(2)` status says the child ended by a signal (`WIFSIGNALED`, a
    /// macro Swift does not import).
    @inlinable
    public static func endedBySignal(_ status: Int32) -> Bool {
        let signal = status & 0x7F
        return signal != 0 && signal != 0x7F
    }
}
