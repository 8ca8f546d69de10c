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
