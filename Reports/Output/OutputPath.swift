import Platform

/// Path helpers for output files: a path's folder and name, and the file a path finally
/// names once its symbolic links are followed (so that an output written through a link
/// replaces the link's target, and the link stays).
enum OutputPath {
    /// The most links followed before giving up (Linux's own limit is 40).
    static let maximumLinks = 40

    /// `dir/name` -> (`dir`, `name`); `name` -> (`.`, `name`); `/name` -> (`/`, `name`).
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    /// `name` in `folder`, spelled as short as it can be (`.` is left out).
    static func join(_ folder: String, _ name: String) -> String {
        folder == "." ? name : folder == "/" ? "/" + name : folder + "/" + name
    }

    /// Follows the symbolic links of the last component of `path` until it names a file
    /// that is not a link, or nothing yet (a new file, or a link's missing target). A
    /// relative link target is read from the link's folder.
    /// - Throws: the system's message (`ELOOP`) for a loop of links.
    static func resolvingLinks(_ path: String) throws(ReportError) -> String {
        var current = path
        for _ in 0...maximumLinks {
            var st = stat()
            guard lstat(current, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return current }
            guard let target = readLink(current) else { return current }
            current = target.hasPrefix("/") ? target : join(split(current).folder, target)
        }
        throw .cannotWrite(path: path, reason: ReportError.systemMessage(ELOOP))
    }

    /// The text of the symbolic link at `path`, nil when it cannot be read.
    private static func readLink(_ path: String) -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = buffer.withUnsafeMutableBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { readlink(path, $0, b.count - 1) }
        }
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n], as: UTF8.self)
    }

    /// `path` made absolute (from the working folder) with `.`, `..` and repeated slashes
    /// taken out by spelling alone: for a path whose folder does not exist.
    static func lexicallyNormalized(_ path: String) -> String {
        var full = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if getcwd(&buffer, buffer.count) != nil {
                full = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/" + path
            }
        }
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
