import Foundation
import Testing
@testable import Reports

/// Temporary files of killed runs: unlocked, they are leftovers and the next run on the
/// output removes them; locked, a live run is writing them and they stay.
@Suite("Atomic output files: leftovers of killed runs")
struct AtomicFileLeftoverTests {
    func folder() throws -> String { try AtomicFileTests().folder() }

    /// Holds an exclusive flock on `path` (created if needed), as a live run does.
    final class Holder {
        let fd: Int32
        init(_ path: String) throws {
            fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0, flock(fd, LOCK_EX | LOCK_NB) == 0 else { throw CocoaError(.fileLocking) }
        }
        deinit { close(fd) }
    }

    func names(_ dir: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }

    @Test("unlocked leftovers beside an output are removed and reported; others stay",
          arguments: ["out.csv", "out.xlsx", "q.rejects.csv", "monthly report.csv"])
    func removesUnlocked(name: String) throws {
        let dir = try folder()
        let leftovers = [".\(name).tmp-AbC123", ".\(name).tmp-zzzzzz", ".\(name).tmp-000000"]
        let kept = [".\(name).tmp-short", ".\(name).tmp-toolong7", ".\(name).tmp-AB-12_", ".other.csv.tmp-AbC123",
                    "\(name).tmp-AbC123", ".\(name).tmp-AbC123.bak"]
        for n in leftovers + kept { _ = FileManager.default.createFile(atPath: dir + "/" + n, contents: Data("partial".utf8)) }
        let removed = AtomicFile.removeLeftovers(of: dir + "/" + name)
        #expect(removed == leftovers.map { dir + "/" + $0 }.sorted())
        #expect(try names(dir) == kept.sorted())
    }

    @Test("a locked temporary file (a run still writing) is kept, and removed once its lock is gone")
    func keepsLocked() throws {
        let dir = try folder()
        let live = dir + "/.out.csv.tmp-LIVE01", dead = dir + "/.out.csv.tmp-DEAD01"
        _ = FileManager.default.createFile(atPath: dead, contents: Data("partial".utf8))
        var holder: Holder? = try Holder(live)
        #expect(AtomicFile.removeLeftovers(of: dir + "/out.csv") == [dead])
        #expect(try names(dir) == [".out.csv.tmp-LIVE01"])
        _ = holder
        holder = nil
        #expect(AtomicFile.removeLeftovers(of: dir + "/out.csv") == [live])
        #expect(try names(dir).isEmpty)
    }

    @Test("a new AtomicFile removes the leftovers first and says which; a live one's temporary file survives another's start")
    func atomicFileCleansFirst() throws {
        let dir = try folder()
        let path = dir + "/out.csv"
        _ = FileManager.default.createFile(atPath: dir + "/.out.csv.tmp-OLD123", contents: nil)
        let first = try AtomicFile(destination: path)
        #expect(first.removedLeftovers == [dir + "/.out.csv.tmp-OLD123"])
        let second = try AtomicFile(destination: path)
        #expect(second.removedLeftovers.isEmpty)
        #expect(FileManager.default.fileExists(atPath: first.temporaryPath))
        try second.commit()
        first.discard()
        #expect(try names(dir) == ["out.csv"])
    }

    @Test("leftovers beside a symbolic link's target are the ones removed")
    func besideTarget() throws {
        let dir = try folder()
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: "real/t.csv")
        _ = FileManager.default.createFile(atPath: dir + "/real/.t.csv.tmp-AAAAAA", contents: nil)
        _ = FileManager.default.createFile(atPath: dir + "/.link.csv.tmp-AAAAAA", contents: nil)
        #expect(AtomicFile.removeLeftovers(of: dir + "/link.csv") == [dir + "/real/.t.csv.tmp-AAAAAA"])
        #expect(try names(dir + "/real").isEmpty)
    }

    @Test("a folder or a link named like a leftover is not removed", arguments: ["folder", "link"])
    func onlyRegularFiles(kind: String) throws {
        let dir = try folder()
        let path = dir + "/.out.csv.tmp-AAAAAA"
        if kind == "folder" {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        } else {
            _ = FileManager.default.createFile(atPath: dir + "/precious", contents: Data("keep".utf8))
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "precious")
        }
        #expect(AtomicFile.removeLeftovers(of: dir + "/out.csv").isEmpty)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("libxlsxwriter writes the workbook into the locked temporary file itself: same inode, lock held",
          arguments: [true, false])
    func workbookKeepsLock(constantMemory: Bool) throws {
        let dir = try folder()
        let file = try AtomicFile(destination: dir + "/w.xlsx")
        let book = try XLSXWorkbook(path: file.temporaryPath, displayPath: file.destination, constantMemory: constantMemory)
        let sheet = try book.addSheet("S")
        for r in 0..<2_000 { try sheet.writeText("row \(r)", row: r, column: 0) }
        try book.close()
        var locked = stat(), named = stat()
        #expect(fstat(file.descriptor, &locked) == 0 && stat(file.temporaryPath, &named) == 0)
        #expect(locked.st_ino == named.st_ino && locked.st_dev == named.st_dev)
        #expect(locked.st_size > 1000, "the workbook went to the file the lock is on")
        let other = open(file.temporaryPath, O_RDONLY | O_CLOEXEC)
        defer { close(other) }
        #expect(flock(other, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK, "another open file could take the lock")
        #expect(AtomicFile.removeLeftovers(of: file.destination).isEmpty)
        try file.commit()
        #expect(try names(dir) == ["w.xlsx"])
    }
}
