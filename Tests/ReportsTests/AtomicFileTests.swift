import Foundation
import Testing
@testable import Reports

@Suite("Atomic output files")
struct AtomicFileTests {
    func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    @Test("a committed file replaces the old one and leaves no temporary file")
    func commit() throws {
        let dir = try folder()
        let path = dir + "/out.csv"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        try AtomicFile.write("new\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.csv"])
    }

    @Test("a discarded file leaves the old one untouched and nothing else")
    func discard() throws {
        let dir = try folder()
        let path = dir + "/out.csv"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        let csv = try CSVFile(path: path)
        csv.write([.text("half")])
        csv.discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.csv"])
    }

    @Test("a missing folder is an error naming the file")
    func missingFolder() {
        #expect(throws: ReportError.self) { try AtomicFile.write("x", to: "/nonexistent-folder/out.csv") }
        do { try AtomicFile.write("x", to: "/nonexistent-folder/out.csv") } catch {
            #expect("\(error)".hasPrefix("/nonexistent-folder/out.csv: cannot write"))
        }
    }
}

/// The mode of the file at `path` (permission and set-id bits).
func fileMode(_ path: String) -> mode_t {
    var st = stat()
    return stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0
}

/// The process's umask, read without changing it (Linux: /proc/self/status).
func currentUmask() -> mode_t? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
          let value = mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8) else { return nil }
    return value
}

/// Whether `path` is a symbolic link.
func isSymlink(_ path: String) -> Bool {
    var st = stat()
    return lstat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK
}

@Suite("Atomic output files: permissions, links and failures")
struct AtomicFileReplacementTests {
    func folder() throws -> String { try AtomicFileTests().folder() }

    @Test("a replaced file keeps its mode", arguments: [0o600, 0o640, 0o755, 0o444, 0o700, 0o664] as [mode_t])
    func keepsMode(mode: mode_t) throws {
        let dir = try folder()
        let path = dir + "/out.csv"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, mode)
        try AtomicFile.write("new\n", to: path)
        #expect(fileMode(path) == mode)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.csv"])
    }

    @Test("a replaced file keeps its group")
    func keepsGroup() throws {
        let dir = try folder()
        let path = dir + "/out.csv"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        // A group other than ours: allowed to root, or to a member of a second group.
        let groups = [gid_t(1), gid_t(2), getgid()].filter { chown(path, uid_t.max, $0) == 0 }
        try #require(groups.count > 1, "cannot give a file another group here")
        let group = groups.first { $0 != getgid() }!
        #expect(chown(path, uid_t.max, group) == 0)
        try AtomicFile.write("new\n", to: path)
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_gid == group)
    }

    @Test("a new file gets 0666 less the umask; the temporary file is private while written")
    func newFileMode() throws {
        let dir = try folder()
        let path = dir + "/new.csv"
        let mask = try #require(currentUmask())
        let file = try AtomicFile(destination: path)
        #expect(fileMode(file.temporaryPath) == 0o600)
        try file.commit()
        #expect(fileMode(path) == 0o666 & ~mask)
    }

    @Test("a symbolic link is written through: the target gets the content, the link stays",
          arguments: ["same-folder", "relative-elsewhere", "absolute", "chain", "dangling"])
    func throughLink(kind: String) throws {
        let dir = try folder()
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: true)
        let target = dir + "/real/target.csv"
        if kind != "dangling" { try "old\n".write(toFile: target, atomically: false, encoding: .utf8) }
        let link = dir + "/link.csv"
        switch kind {
        case "same-folder":
            try FileManager.default.createSymbolicLink(atPath: dir + "/real/link.csv", withDestinationPath: "target.csv")
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real/link.csv")
        case "relative-elsewhere", "dangling": try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real/target.csv")
        case "absolute": try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        default:
            try FileManager.default.createSymbolicLink(atPath: dir + "/hop2.csv", withDestinationPath: target)
            try FileManager.default.createSymbolicLink(atPath: dir + "/hop1.csv", withDestinationPath: "hop2.csv")
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "hop1.csv")
        }
        if kind != "dangling" { chmod(target, 0o640) }
        try AtomicFile.write("new\n", to: link)
        #expect(isSymlink(link))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
        if kind != "dangling" { #expect(fileMode(target) == 0o640) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/real").filter { $0.contains(".tmp-") }.isEmpty)
    }

    @Test("a loop of links is an error naming the file, and leaves nothing")
    func linkLoop() throws {
        let dir = try folder()
        try FileManager.default.createSymbolicLink(atPath: dir + "/a.csv", withDestinationPath: "b.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/b.csv", withDestinationPath: "a.csv")
        #expect(throws: ReportError.self) { try AtomicFile.write("x", to: dir + "/a.csv") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.csv", "b.csv"])
    }

    @Test("a folder, a pipe or a path ending in / is refused before any temporary file is made",
          arguments: ["folder", "fifo", "slash"])
    func notARegularFile(kind: String) throws {
        let dir = try folder()
        var path = dir + "/out.csv"
        switch kind {
        case "folder": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case "fifo": #expect(mkfifo(path, 0o644) == 0)
        default: path = dir + "/"
        }
        let before = try FileManager.default.contentsOfDirectory(atPath: dir)
        do {
            try AtomicFile.write("x", to: path)
            Issue.record("\(kind) accepted")
        } catch {
            #expect("\(error)".hasPrefix(path + ": cannot write"), "\(error)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == before)
    }

    @Test("a rename that fails leaves no temporary file (the target became a folder, or the folder immutable)",
          arguments: ["empty folder", "full folder", "immutable folder"])
    func renameFails(kind: String) throws {
        let dir = try folder()
        let path = dir + "/out.csv"
        let file = try AtomicFile(destination: path)
        let out = try ByteSink(path: file.temporaryPath, displayPath: path)
        out.write("data\n")
        try out.close()
        switch kind {
        case "empty folder": try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case "full folder":
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            try "x".write(toFile: path + "/inside", atomically: false, encoding: .utf8)
        default:
            try #require(shellStatus("chattr +i '\(dir)'") == 0, "no chattr here")
        }
        #expect(throws: ReportError.self) { try file.commit() }
        if kind == "immutable folder" {
            // Not even the temporary file could be removed there; unlocked now, the next run on the output removes it.
            _ = shellStatus("chattr -i '\(dir)'")
            #expect(AtomicFile.removeLeftovers(of: path).count == 1)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }.isEmpty)
    }
}

/// Runs a shell command quietly; its exit status.
func shellStatus(_ command: String) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return -1 }
    p.waitUntilExit()
    return p.terminationStatus
}
