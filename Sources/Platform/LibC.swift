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
