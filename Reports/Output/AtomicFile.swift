#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An output file written atomically: everything goes to a temporary file in the same
/// folder, which replaces the destination by `rename(2)` only when complete. A failed or
/// interrupted run leaves the destination as it was and no temporary file behind.
public final class AtomicFile {
    /// Where the finished file goes.
    public let destination: String
    /// The temporary file being written.
    public let temporaryPath: String
    private var committed = false

    /// Reserves a temporary file beside `destination`.
    /// - Throws: ``ReportError/cannotWrite(path:reason:)`` when the folder is not writable.
    public init(destination: String) throws(ReportError) {
        self.destination = destination
        let slash = destination.lastIndex(of: "/")
        let folder = slash.map { String(destination[..<$0]) } ?? "."
        let base = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
        var template = Array("\(folder.isEmpty ? "/" : folder)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .cannotWrite(path: destination, reason: ReportError.systemMessage(errno)) }
        close(fd)
        temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        TemporaryFiles.shared.register(temporaryPath)
    }

    /// Moves the finished temporary file over the destination.
    public func commit() throws(ReportError) {
        guard !committed else { return }
        // mkstemp creates 0600; give the output ordinary permissions (rw-r--r-- less umask).
        let mask = umask(0); umask(mask)
        chmod(temporaryPath, 0o666 & ~mask)
        guard rename(temporaryPath, destination) == 0 else {
            let reason = ReportError.systemMessage(errno)
            discard()
            throw .cannotWrite(path: destination, reason: reason)
        }
        committed = true
        TemporaryFiles.shared.unregister(temporaryPath)
    }

    /// Removes the temporary file (when not committed).
    public func discard() {
        guard !committed else { return }
        unlink(temporaryPath)
        TemporaryFiles.shared.unregister(temporaryPath)
    }

    deinit { discard() }

    /// Writes `text` to `destination` atomically.
    public static func write(_ text: String, to destination: String) throws(ReportError) {
        let file = try AtomicFile(destination: destination)
        do {
            let out = try ByteSink(path: file.temporaryPath, displayPath: destination)
            out.write(text)
            try out.close()
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}
