import Platform

extension ClientQuoteFolder {
    /// Removes the staging folders that killed runs left in `folder` (unlocked: no live
    /// batch is writing them), with the PDFs in them; returns their paths.
    public static func removeLeftovers(in folder: String) -> [String] {
        let prefix = Array(stagingPrefix.utf8)
        var removed: [String] = []
        for entry in AtomicFile.entries(of: folder) where entry.starts(with: prefix) {
            let path = OutputPath.join(folder, String(decoding: entry, as: UTF8.self))
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { LibC.close(fd) }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }
            removeStaging(path)
            removed.append(path)
        }
        return removed.sorted()
    }

    /// Removes the files in the staging folder `path`, then the folder.
    static func removeStaging(_ path: String) {
        for entry in AtomicFile.entries(of: path) where entry != Array(".".utf8) && entry != Array("..".utf8) {
            unlink(OutputPath.join(path, String(decoding: entry, as: UTF8.self)))
        }
        rmdir(path)
    }
}
