import Platform

/// Which file a path names, whatever its spelling: `./x`, `dir/../x`, a symbolic link to
/// `x` and a hard link to `x` all have the identity of `x`.
///
/// An existing file is known by its device and inode. A file that does not exist yet is
/// known by the device and inode of its folder and its name (after following symbolic
/// links, so a link to a missing file has the identity of the file it would create).
/// When even the folder cannot be found, the spelling is all there is: the path made
/// absolute and normalized.
public enum FileIdentity: Hashable, Sendable {
    /// An existing file (or folder, or device).
    case file(device: UInt64, inode: UInt64)
    /// A name not taken yet in an existing folder.
    case entry(folderDevice: UInt64, folderInode: UInt64, name: String)
    /// A path whose folder cannot be found: its absolute, normalized spelling.
    case unresolved(String)

    /// The identity of the file `path` names now.
    public init(path: String) {
        let resolved = (try? OutputPath.resolvingLinks(path)) ?? path
        var st = stat()
        if stat(resolved, &st) == 0 {
            self = .file(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
            return
        }
        let (folder, name) = OutputPath.split(resolved)
        if !name.isEmpty, name != ".", name != "..", stat(folder, &st) == 0, st.st_mode & S_IFMT == S_IFDIR {
            self = .entry(folderDevice: UInt64(st.st_dev), folderInode: UInt64(st.st_ino), name: name)
        } else {
            self = .unresolved(OutputPath.lexicallyNormalized(resolved))
        }
    }
}
