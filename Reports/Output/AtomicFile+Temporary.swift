import Platform

/// Making the locked temporary file, and giving it the permissions of the file it replaces.
extension AtomicFile {
    /// The characters of the random part of a temporary file's name (as `mkstemp`'s).
    static let nameCharacters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
    /// The length of the random part.
    static let randomLength = 6

    /// `.NAME.tmp-`: the start of the name of every temporary file for `name`.
    static func temporaryPrefix(_ name: String) -> String { "." + name + ".tmp-" }

    /// Creates `.NAME.tmp-XXXXXX` in `folder` (a new name, `O_EXCL`), takes an exclusive
    /// `flock` on it and checks that the name still leads to the file locked (a cleaner
    /// may have taken it for a leftover in the instant before the lock). The file is made
    /// with `0666` less the umask, which is remembered as the mode for a new output, then
    /// restricted to `0600` while it is written.
    static func createLocked(folder: String, name: String, displayPath: String) throws(ReportError)
        -> (path: String, descriptor: Int32, newFileMode: mode_t) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let random = (0..<randomLength).map { _ in nameCharacters[Int(generator.next(upperBound: UInt64(nameCharacters.count)))] }
            let path = OutputPath.join(folder, temporaryPrefix(name) + String(decoding: random, as: UTF8.self))
            let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw .cannotWrite(path: displayPath, reason: ReportError.systemMessage(errno))
            }
            var mine = stat(), named = stat()
            guard flock(fd, LOCK_EX) == 0 || lockingUnsupported(errno), fstat(fd, &mine) == 0 else {
                let reason = ReportError.systemMessage(errno)
                unlink(path)
                close(fd)
                throw .cannotWrite(path: displayPath, reason: reason)
            }
            guard lstat(path, &named) == 0, named.st_dev == mine.st_dev, named.st_ino == mine.st_ino else {
                close(fd)   // removed under us: try another name
                continue
            }
            fchmod(fd, 0o600)
            return (path, fd, mine.st_mode & 0o777)
        }
        throw .cannotWrite(path: displayPath, reason: "no free name for a temporary file beside it")
    }

    /// Whether `flock` failed because the file system has no such locks (some network and
    /// FUSE file systems): the file is then written unlocked, and, since nothing there can
    /// be locked by a cleaner either, no run takes it for a leftover.
    static func lockingUnsupported(_ code: Int32) -> Bool {
        code == EOPNOTSUPP || code == ENOSYS || code == ENOLCK || code == EINVAL
    }

    /// Gives the temporary file the permissions of the file it replaces: its mode, and
    /// its owner and group where the system allows (the group alone when only that is
    /// allowed); a new file gets ``newFileMode``. Failures to change the owner are ignored:
    /// an ordinary user cannot give a file away.
    func applyPermissions() {
        var old = stat()
        guard stat(target, &old) == 0, old.st_mode & S_IFMT == S_IFREG else {
            fchmod(descriptor, newFileMode)
            return
        }
        var mine = stat()
        if fstat(descriptor, &mine) == 0, mine.st_uid != old.st_uid || mine.st_gid != old.st_gid {
            if fchown(descriptor, old.st_uid, old.st_gid) != 0 {
                _ = fchown(descriptor, uid_t.max, old.st_gid)   // -1: keep the owner
            }
        }
        // After the owner: chown clears the set-id bits.
        fchmod(descriptor, old.st_mode & 0o7777)
    }
}
