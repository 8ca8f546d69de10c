import Platform

/// An output file written atomically: everything goes to a temporary file in the folder
/// of the file replaced, which replaces it by `rename(2)` only when complete. A failed
/// run leaves the destination as it was and no temporary file behind.
///
/// - A destination that is a symbolic link is written through: the temporary file goes
///   beside the link's final target and replaces the target; the link stays.
/// - The file replaced keeps its mode (and its owner and group where the system allows);
///   a new file gets `0666` less the umask, as `open(2)` gives it.
/// - The temporary file (`.NAME.tmp-XXXXXX`) is held under an exclusive `flock(2)` while
///   it is written (on the file itself: libxlsxwriter, which opens it by name, writes the
///   same inode), so a later run can tell a live run's file (locked) from the leftover of
///   a run that was killed (unlocked), and remove the leftover (``removeLeftovers(of:)``,
///   also done here before starting). An interrupt (SIGINT, SIGTERM, SIGHUP) removes it
///   at once (``TemporaryFiles``).
public final class AtomicFile {
    /// Where the finished file goes, as given (messages name it).
    public let destination: String
    /// The file replaced: ``destination`` with its symbolic links followed.
    public let target: String
    /// The temporary file being written.
    public let temporaryPath: String
    /// Leftovers of killed runs on this output that were removed before starting.
    public let removedLeftovers: [String]
    /// Open on the temporary file for as long as it exists, holding the `flock`.
    let descriptor: Int32
    /// The mode a new file gets (`0666` less the umask), seen on the temporary file as created.
    let newFileMode: mode_t
    private var finished = false

    /// Reserves a locked temporary file beside the file `destination` names, after
    /// removing the leftovers of killed runs there.
    /// - Throws: ``ReportError/cannotWrite(path:reason:)`` when the folder is missing or
    ///   not writable, or the destination is a folder, device or other non-regular file.
    public init(destination: String) throws(ReportError) {
        self.destination = destination
        target = try OutputPath.resolvingLinks(destination)
        let (folder, name) = OutputPath.split(target)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw .cannotWrite(path: destination, reason: "the path names a folder, not a file")
        }
        var st = stat()
        if stat(target, &st) == 0, st.st_mode & S_IFMT != S_IFREG {
            throw .cannotWrite(path: destination, reason: st.st_mode & S_IFMT == S_IFDIR
                ? "it is a folder; name a file" : "it is not a regular file (a device or a pipe); name a file")
        }
        removedLeftovers = AtomicFile.removeLeftovers(folder: folder, name: name)
        let created = try AtomicFile.createLocked(folder: folder, name: name, displayPath: destination)
        (temporaryPath, descriptor, newFileMode) = created
        TemporaryFiles.shared.register(temporaryPath)
    }

    /// Moves the finished temporary file over the target, with the target's permissions.
    /// - Throws: ``ReportError/cannotWrite(path:reason:)``; the temporary file is removed.
    public func commit() throws(ReportError) {
        guard !finished else { return }
        applyPermissions()
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            let reason = ReportError.systemMessage(errno)
            discard()
            throw .cannotWrite(path: destination, reason: reason)
        }
        guard rename(temporaryPath, target) == 0 else {
            let reason = ReportError.systemMessage(errno)
            discard()
            throw .cannotWrite(path: destination, reason: reason)
        }
        finished = true
        TemporaryFiles.shared.unregister(temporaryPath)
        close(descriptor)
    }

    /// Removes the temporary file (when not committed) and lets go of its lock.
    public func discard() {
        guard !finished else { return }
        finished = true
        unlink(temporaryPath)
        TemporaryFiles.shared.unregister(temporaryPath)
        close(descriptor)
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
