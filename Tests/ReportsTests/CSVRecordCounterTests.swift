import Foundation
import PropertyBased
import Testing
@testable import Reports

/// The quick record count a batch to XLSX makes before any work (issue 10: more rows than
/// a worksheet holds must be known before the work, not after).
@Suite("Counting CSV records before a batch")
struct CSVRecordCounterTests {
    /// Records as the reader returns them, blank lines included, or nil when it refuses the text.
    static func readerRecords(_ bytes: [UInt8]) -> Int? {
        let reader = CSVReader(bytes: bytes, name: "t.csv")
        reader.skipsBlankLines = false
        var n = 0
        do { while try reader.next() != nil { n += 1 } } catch { return nil }
        return n
    }

    /// The counter's records for `bytes` fed in pieces cut at `cuts`.
    static func counted(_ bytes: [UInt8], cuts: [Int] = []) -> Int {
        var counter = CSVRecordCounter()
        var start = 0
        for cut in (cuts.map { min($0, bytes.count) }.sorted() + [bytes.count]) where cut >= start {
            bytes.withUnsafeBufferPointer { counter.scan(UnsafeBufferPointer(rebasing: $0[start..<cut])) }
            start = cut
        }
        return counter.records
    }

    static let alphabet: [[UInt8]] = [[0x61], [0x2C], [0x22], [0x0A], [0x0D], [0x20], [0x22, 0x22], [0x0D, 0x0A], [0xC3, 0xA9]]

    @Test("the count equals the reader's records on random CSV, in any pieces")
    func matchesReader() async {
        let gen = Gen.int(in: 0...(Self.alphabet.count - 1)).array(of: 0...80)
        await propertyCheck(count: 3_000, input: gen, Gen.int(in: 0...90).array(of: 0...4)) { symbols, cuts in
            let bytes = symbols.flatMap { Self.alphabet[$0] }
            guard let expected = Self.readerRecords(bytes) else { return }   // an unclosed quote: the reader refuses it
            #expect(Self.counted(bytes) == expected, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            #expect(Self.counted(bytes, cuts: cuts) == expected, "cut at \(cuts)")
        }
    }

    @Test("hand-picked cases", arguments: [
        ("", 0), ("\u{FEFF}", 0), ("a", 1), ("a\n", 1), ("a\r\nb\r\n", 2), ("\n\n\n", 3),
        ("\"a\nb\",c\nd\n", 2), ("\u{FEFF}\"a\nb\"\n", 1), ("a\"b\nc\n", 2), ("\"a\"\"\n\"\nx\n", 2),
        ("\"a\"b\"\nc\n", 2), (",\"\n\",\n", 1), ("\r\"a\n", 1), ("\"a\"\r\"b\"\n", 1), ("\"a\"\r\nb\n", 2),
    ])
    func cases(text: String, records: Int) {
        let bytes = Array(text.utf8)
        #expect(Self.counted(bytes) == records)
        #expect(Self.readerRecords(bytes) == records)
        // A BOM comes whole in the first piece (a read of the file's start).
        for cut in (text.hasPrefix("\u{FEFF}") ? 3 : 0)...max(bytes.count, 3) where cut <= bytes.count {
            #expect(Self.counted(bytes, cuts: [cut]) == records, "cut at \(cut)")
        }
    }

    @Test("a file over the limit is refused with its exact count of data rows; blank lines do not count", arguments: [
        (Array(repeating: "x\n", count: 11).joined(), 10, 11),
        (Array(repeating: "x\r\n", count: 12).joined(), 10, 12),
        (Array(repeating: "\"x\ny\",1\n", count: 11).joined(), 10, 11),
        (Array(repeating: "x\n", count: 10).joined() + "x", 10, 11),
    ])
    func overLimit(rows: String, limit: Int, count: Int) throws {
        let path = try Self.file("h,v\n" + rows)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ReportError.tooManyRows(path: path, rows: count, limit: limit, output: "q.xlsx")) {
            try CSVRecordCounter.requireDataRows(atMost: limit, in: path, output: "q.xlsx")
        }
    }

    @Test("a file at the limit, or over it only by blank lines, is accepted", arguments: [
        Array(repeating: "x\n", count: 10).joined(),
        Array(repeating: "x\n", count: 10).joined() + "\n\n,,,\n \t\n",
        Array(repeating: "\"x\ny\nz\",1\n", count: 10).joined(),
    ])
    func atLimit(rows: String) throws {
        let path = try Self.file("h,v\n" + rows)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try CSVRecordCounter.requireDataRows(atMost: 10, in: path, output: "q.xlsx")
    }

    @Test("counting reads files larger than its buffer, split across reads")
    func largeFile() throws {
        var text = "h,v\n"
        for i in 0..<60_000 { text += i % 7 == 0 ? "\"r\(i)\nq\",\"a,\"\"b\"\"\"\n" : "r\(i),v\n" }
        let path = try Self.file(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CSVRecordCounter.records(in: path) == 60_001)
    }

    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("count-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
