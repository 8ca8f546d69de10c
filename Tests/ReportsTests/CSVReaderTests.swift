import Foundation
import Testing
@testable import Reports

@Suite("Reading CSV (RFC 4180, streaming)")
struct CSVReaderTests {
    func records(_ text: String) throws -> [CSVRecord] {
        try records(bytes: Array(text.utf8))
    }

    func records(bytes: [UInt8]) throws -> [CSVRecord] {
        let reader = CSVReader(bytes: bytes, name: "t.csv")
        var out: [CSVRecord] = []
        while let r = try reader.next() { out.append(r) }
        return out
    }

    @Test("RFC 4180 cases parse to the right fields", arguments: [
        ("a,b,c\n", [["a", "b", "c"]]),
        ("a,b,c", [["a", "b", "c"]]),
        ("a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]]),
        ("\"a,b\",c\n", [["a,b", "c"]]),
        ("\"say \"\"hi\"\"\",x\n", [["say \"hi\"", "x"]]),
        ("\"two\nlines\",x\n", [["two\nlines", "x"]]),
        ("\"crlf\r\ninside\",x\r\n", [["crlf\r\ninside", "x"]]),
        ("a,,c\n", [["a", "", "c"]]),
        (",\n", []),   // was [["", ""]]: a line of separators only is blank (issue 10, SPEC section 5)
        (",x\n", [["", "x"]]),
        ("\"\",x\n", [["", "x"]]),
        ("a,b\n\n\nc,d\n", [["a", "b"], ["c", "d"]]),
        ("a,b\r\n\r\nc,d", [["a", "b"], ["c", "d"]]),
        ("\u{FEFF}request_id,x\n1,2\n", [["request_id", "x"], ["1", "2"]]),
        ("Zoë,\"Lee, Min-jun\"\n", [["Zoë", "Lee, Min-jun"]]),
        ("ab\"c,d\n", [["ab\"c", "d"]]),
        ("\"ab\"c,d\n", [["abc", "d"]]),
    ])
    func parses(text: String, expected: [[String]]) throws {
        #expect(try records(text).map(\.fields) == expected)
    }

    @Test("each record knows the line it starts on, across quoted line breaks and blank lines")
    func lines() throws {
        let r = try records("h1,h2\n\"a\nb\",c\n\nd,e\n\"x\r\ny\r\nz\",w\r\nlast,1\n")
        #expect(r.map(\.line) == [1, 2, 5, 6, 9])
    }

    @Test("a quoted field never closed is an error naming the line where it opened")
    func unclosedQuote() {
        #expect(throws: ReportError.malformedCSV(path: "t.csv", line: 3, reason: "a quoted field opened here is never closed; add the closing \" or remove the stray one")) {
            try records("h\nok\n\"never closed\nmore\nrows\n")
        }
    }

    @Test("bytes that are not UTF-8 refuse the file, naming the record's line and the bytes")
    func invalidUTF8() throws {
        // Was: the record was flagged and the rest kept (issue 10: the rejects file then
        // carried U+FFFD, which a rerun quoted). Now the whole file is refused.
        let bytes = Array("h,x\n".utf8) + [0x61, 0xFF, 0xFE, 0x2C, 0x62, 0x0A] + Array("c,d\n".utf8)
        #expect(throws: ReportError.notUTF8(path: "t.csv", line: 2, detail: "the byte \\xFF in \"a\\xFF\\xFE\" is no character of it (the file was probably saved as Windows-1252 or Latin-1, which Excel calls \"CSV (Comma delimited)\")")) {
            try records(bytes: bytes)
        }
    }

    @Test("a NUL byte flags the record")
    func nul() throws {
        let r = try records(bytes: Array("a\u{0}b,c\n".utf8))
        #expect(r[0].hasNUL)
    }

    @Test("an empty file has no records; a header-only file has one")
    func emptyAndHeaderOnly() throws {
        #expect(try records("").isEmpty)
        #expect(try records("\u{FEFF}").isEmpty)
        #expect(try records("request_id,location\n").map(\.fields) == [["request_id", "location"]])
    }

    @Test("records spanning the 64 KiB read boundary come out whole")
    func chunkBoundary() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let long = String(repeating: "x", count: 70_000)
        let text = "a,b\n\"\(long)\nq\",z\r\nc,d\n"
        let path = folder.appendingPathComponent("big.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let reader = try CSVReader(path: path)
        var all: [CSVRecord] = []
        while let r = try reader.next() { all.append(r) }
        #expect(all.map(\.fields) == [["a", "b"], [long + "\nq", "z"], ["c", "d"]])
        #expect(all.map(\.line) == [1, 2, 4])
    }

    @Test("a missing file is an error naming it")
    func missing() {
        #expect(throws: ReportError.cannotRead(path: "/nonexistent/r.csv", reason: "No such file or directory")) {
            _ = try CSVReader(path: "/nonexistent/r.csv")
        }
    }
}

/// The process's peak resident memory in bytes (Linux reports kilobytes).
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}
