import Platform

/// A buffered byte writer over a file descriptor (64 KiB buffer). Write errors are
/// remembered and reported by ``close()``, with the file's path.
public final class ByteSink {
    private let fd: Int32
    private let displayPath: String
    private var buffer: [UInt8] = []
    private var failure: Int32 = 0
    private let ownsDescriptor: Bool
    /// Set by the first ``close()``: a second one does nothing (the descriptor's number may
    /// already belong to another file).
    private var closed = false

    /// Opens (creating or truncating) `path`; messages name `displayPath`.
    public init(path: String, displayPath: String? = nil) throws(ReportError) {
        self.displayPath = displayPath ?? path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: displayPath ?? path, reason: ReportError.systemMessage(errno)) }
        ownsDescriptor = true
        buffer.reserveCapacity(1 << 16)
    }

    /// Writes to an already open descriptor (standard output) without closing it.
    public init(descriptor: Int32, displayPath: String) {
        fd = descriptor
        self.displayPath = displayPath
        ownsDescriptor = false
        buffer.reserveCapacity(1 << 16)
    }

    public func write(_ text: String) {
        var t = text
        t.withUTF8 { write(bytes: $0) }
    }

    public func write(bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func write(byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        guard failure == 0 else { buffer.removeAll(keepingCapacity: true); return }
        var offset = 0
        buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = LibC.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and closes; throws the first write error.
    public func close() throws(ReportError) {
        guard !closed else { return }
        closed = true
        flush()
        if ownsDescriptor {
            if failure == 0 && fsync(fd) != 0 && errno != EINVAL { failure = errno }
            if LibC.close(fd) != 0 && failure == 0 { failure = errno }
        }
        if failure != 0 { throw .cannotWrite(path: displayPath, reason: ReportError.systemMessage(failure)) }
    }
}
