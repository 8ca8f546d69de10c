import Platform

/// Leftovers of killed runs: a run killed by SIGKILL (or a crash) cannot remove its
/// temporary file, but its lock dies with it. A temporary file for the same output that
/// nobody holds locked is such a leftover; a live run's is locked and is left alone.
extension AtomicFile {
    /// Removes the temporary files (`.NAME.tmp-XXXXXX`) that killed runs left beside the
    /// file `destination` names (after following its symbolic links), and returns their
    /// paths. Files of runs still writing (locked) and files of other names are kept.
    /// Writes nothing to the terminal: the caller says what was removed, if it wants to.
    public static func removeLeftovers(of destination: String) -> [String] {
        guard let target = try? OutputPath.resolvingLinks(destination) else { return [] }
        let (folder, name) = OutputPath.split(target)
        guard !name.isEmpty else { return [] }
        return removeLeftovers(folder: folder, name: name)
    }

    static func removeLeftovers(folder: String, name: String) -> [String] {
        let prefix = Array(temporaryPrefix(name).utf8)
        var removed: [String] = []
        for entry in entries(of: folder) where isTemporaryName(entry, prefix: prefix) {
            let path = OutputPath.join(folder, String(decoding: entry, as: UTF8.self))
            if removeIfUnlocked(path) { removed.append(path) }
        }
        return removed.sorted()
    }

    /// Whether `entry` is `prefix` followed by exactly six name characters.
    static func isTemporaryName(_ entry: [UInt8], prefix: [UInt8]) -> Bool {
        entry.count == prefix.count + randomLength && entry.starts(with: prefix)
            && entry[prefix.count...].allSatisfy { nameCharacters.contains($0) }
    }

    /// Removes the regular file at `path` if this process can take its lock now (nobody
    /// is writing it) and the name still leads to the file locked.
    static func removeIfUnlocked(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var locked = stat(), named = stat()
        guard fstat(fd, &locked) == 0, locked.st_mode & S_IFMT == S_IFREG,
              flock(fd, LOCK_EX | LOCK_NB) == 0,
              lstat(path, &named) == 0, named.st_dev == locked.st_dev, named.st_ino == locked.st_ino
        else { return false }
        return unlink(path) == 0
    }

    /// The names in `folder` (bytes, as the file system has them); none when it cannot be read.
    static func entries(of folder: String) -> [[UInt8]] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            names.append(name)
        }
        return names
    }
}
