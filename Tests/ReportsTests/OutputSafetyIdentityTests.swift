import Foundation
import Testing
@testable import Reports

/// Outputs that are the same file as an input or another output, by device and inode
/// (or folder and name, for a file not made yet), however the paths are spelled.
@Suite("Output safety: same file, whatever the spelling")
struct OutputSafetyIdentityTests {
    /// A folder with `x.csv` (when `existing`), a subfolder `sub`, and links to `x.csv`.
    func folder(existing: Bool) throws -> String {
        let dir = try AtomicFileTests().folder()
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: false)
        if existing { try "data".write(toFile: dir + "/x.csv", atomically: false, encoding: .utf8) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: "x.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/sub/up.csv", withDestinationPath: "../link.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/here", withDestinationPath: ".")
        if existing { #expect(link(dir + "/x.csv", dir + "/hard.csv") == 0) }
        return dir
    }

    static let spellings = ["/x.csv", "/./x.csv", "/sub/../x.csv", "//x.csv", "/link.csv", "/sub/up.csv", "/here/x.csv", "/here/link.csv"]

    @Test("an existing file is one file by every spelling, hard link included", arguments: spellings + ["/hard.csv"])
    func existing(spelling: String) throws {
        let dir = try folder(existing: true)
        #expect(FileIdentity(path: dir + spelling) == FileIdentity(path: dir + "/x.csv"))
        if case .file = FileIdentity(path: dir + spelling) {} else { Issue.record("not known by inode") }
    }

    @Test("a file not made yet is one file by every spelling (a link to it included)", arguments: spellings)
    func notYetMade(spelling: String) throws {
        let dir = try folder(existing: false)
        #expect(FileIdentity(path: dir + spelling) == FileIdentity(path: dir + "/x.csv"))
        if case .entry(_, _, let name) = FileIdentity(path: dir + spelling) { #expect(name == "x.csv") } else { Issue.record("not known by folder and name") }
    }

    @Test("different files differ", arguments: [("/x.csv", "/y.csv"), ("/x.csv", "/x.csv-wal"), ("/x.csv", "/sub/x.csv"),
                                               ("/x.csv", "/X.csv"), ("/x.csv", "/sub"), ("/missing/x.csv", "/x.csv")])
    func different(a: String, b: String) throws {
        let dir = try folder(existing: true)
        #expect(FileIdentity(path: dir + a) != FileIdentity(path: dir + b))
    }

    @Test("a path whose folder does not exist is known by its normalized spelling")
    func missingFolder() throws {
        let dir = try folder(existing: false)
        #expect(FileIdentity(path: dir + "/none/x.csv") == FileIdentity(path: dir + "/none/./y/../x.csv"))
        #expect(FileIdentity(path: dir + "/none/x.csv") == .unresolved(dir + "/none/x.csv"))
    }

    @Test("a relative path is read from the working folder")
    func relative() throws {
        let cwd = FileManager.default.currentDirectoryPath
        #expect(FileIdentity(path: ".") == FileIdentity(path: cwd))
        #expect(FileIdentity(path: "spaquote-no-such-file.csv") == FileIdentity(path: cwd + "/./spaquote-no-such-file.csv"))
    }

    @Test("each colliding pair is refused with both labels, the output first",
          arguments: ["/x.csv", "/./x.csv", "/sub/../x.csv", "/link.csv", "/hard.csv"])
    func collisions(spelling: String) throws {
        let dir = try folder(existing: true)
        let input = LabelledPath("the requests file", dir + "/x.csv")
        // An output over an input.
        #expect(throws: OutputCollision(output: LabelledPath("--output", dir + spelling), other: input, otherIsInput: true)) {
            try OutputCollision.check(outputs: [LabelledPath("--output", dir + spelling)], inputs: [input])
        }
        // Two outputs, one over the other.
        let first = LabelledPath("--output", dir + "/x.csv"), second = LabelledPath("--rejects", dir + spelling)
        #expect(throws: OutputCollision(output: second, other: first, otherIsInput: false)) {
            try OutputCollision.check(outputs: [first, second], inputs: [])
        }
    }

    @Test("distinct outputs and inputs pass, and inputs may repeat")
    func distinct() throws {
        let dir = try folder(existing: true)
        let inputs = [LabelledPath("--pricing", dir + "/x.csv"), LabelledPath("the requests file", dir + "/link.csv")]
        try OutputCollision.check(outputs: [LabelledPath("--output", dir + "/q.csv"), LabelledPath("--rejects", dir + "/r.csv")],
                                  inputs: inputs)
    }

    @Test("the message names both files with their labels")
    func message() {
        let c = OutputCollision(output: LabelledPath("--rejects", "./q.csv"), other: LabelledPath("--output", "q.csv"), otherIsInput: false)
        #expect("\(c)" == "--rejects './q.csv' is the same file as --output 'q.csv'")
    }

    @Test("a SQLite database brings its journal, write-ahead log and index, beside the link and beside its target",
          arguments: ["-journal", "-wal", "-shm"])
    func sqliteSiblings(suffix: String) throws {
        let dir = try folder(existing: true)
        try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: false)
        try "db".write(toFile: dir + "/data/l.sqlite", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/l.sqlite", withDestinationPath: "data/l.sqlite")
        let ledger = LabelledPath.sqliteDatabase("--ledger", dir + "/l.sqlite")
        for output in [dir + "/l.sqlite" + suffix, dir + "/data/l.sqlite" + suffix] {
            do {
                try OutputCollision.check(outputs: [LabelledPath("--output", output)], inputs: ledger)
                Issue.record("\(output) passed")
            } catch {
                #expect(error.otherIsInput && error.other.label.hasSuffix("of --ledger") && error.other.path.hasSuffix(suffix))
            }
        }
        #expect(throws: OutputCollision.self) {
            try OutputCollision.check(outputs: [LabelledPath("--output", dir + "/./l.sqlite")], inputs: ledger)
        }
    }
}
