import Foundation
import Testing
@testable import Reports

/// Peak memory is per process, so this suite runs alone in its own `swift test` process
/// (`make test` runs it after the others; see the Makefile); other tests running beside it
/// would inflate the measurement.
@Suite("FlatMemory: streaming in bounded memory")
struct FlatMemoryTests {
    @Test("a 100 MB file is read in flat memory")
    func flatMemory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("big.csv").path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = FileHandle(forWritingAtPath: path)!
        let row = "R0000001,\"Client, with comma\",downtown,senior,face;neck,3,4,2026-11-02,aftercare_kit,NEWCLIENT50,2026-11-01,quoted,\n"
        let block = Data(String(repeating: row, count: 10_000).utf8)
        var written = 0
        while written < 100_000_000 { handle.write(block); written += block.count }
        try handle.close()
        let before = peakResidentBytes()
        let reader = try CSVReader(path: path)
        var count = 0
        while let r = try reader.next() { count += 1; if r.fields.count != 13 { Issue.record("bad record at \(r.line)"); break } }
        let grown = peakResidentBytes() - before
        #expect(count == written / row.utf8.count)
        #expect(grown < 16 << 20, "peak memory grew by \(grown) bytes reading \(written) bytes")
    }
}
