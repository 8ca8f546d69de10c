import Foundation
import Testing
@testable import Reports

/// Files that are not UTF-8 (issue 10): refused whole, naming the first line and the
/// bytes, never read row by row with U+FFFD standing for what could not be read.
@Suite("Reading CSV: files that are not UTF-8")
struct CSVEncodingTests {
    func records(_ bytes: [UInt8]) throws(ReportError) -> [CSVRecord] {
        let reader = CSVReader(bytes: bytes, name: "t.csv")
        var out: [CSVRecord] = []
        while let r = try reader.next() { out.append(r) }
        return out
    }

    func refusal(_ bytes: [UInt8]) -> ReportError? {
        do { _ = try records(bytes); return nil } catch { return error }
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        var name: String
        var field: [UInt8]
        /// The hex the message must show.
        var hex: String
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "Windows-1252 ë", field: Array("Zo".utf8) + [0xEB] + Array(" Faure".utf8), hex: "the byte \\xEB in \"Zo\\xEB Faure\""),
        Bad(name: "Latin-1 ç", field: Array("Fran".utf8) + [0xE7] + Array("ois".utf8), hex: "\\xE7"),
        Bad(name: "Windows-1252 curly quote", field: [0x93] + Array("Ana".utf8) + [0x94], hex: "\\x93"),
        Bad(name: "Windows-1252 euro sign", field: [0x80] + Array("50".utf8), hex: "\\x80"),
        Bad(name: "a lone continuation byte", field: Array("a".utf8) + [0xBF] + Array("b".utf8), hex: "\\xBF"),
        Bad(name: "an overlong slash (C0 AF)", field: [0xC0, 0xAF], hex: "\\xC0"),
        Bad(name: "an overlong three-byte NUL (E0 80 80)", field: [0xE0, 0x80, 0x80], hex: "\\xE0"),
        Bad(name: "an overlong four-byte (F0 80 80 AF)", field: [0xF0, 0x80, 0x80, 0xAF], hex: "\\xF0"),
        Bad(name: "a UTF-16 surrogate in UTF-8 (ED A0 80)", field: [0xED, 0xA0, 0x80], hex: "\\xED"),
        Bad(name: "a sequence cut short before a comma", field: Array("x".utf8) + [0xE2, 0x82], hex: "the bytes \\xE2\\x82"),
        Bad(name: "a byte beyond Unicode (F5)", field: [0xF5, 0x80, 0x80, 0x80], hex: "\\xF5"),
        Bad(name: "FF", field: [0xFF], hex: "\\xFF"),
    ]

    @Test("a byte sequence that is not UTF-8 refuses the file with its line and the bytes in hex", arguments: bad)
    func refused(_ c: Bad) throws {
        let bytes = Array("request_id,client\nA1,Ana\n\"B\n2\",x\nC3,".utf8) + c.field + Array(",more\nD4,ok\n".utf8)
        let error = try #require(refusal(bytes))
        guard case let .notUTF8(path, line, detail) = error else { Issue.record("\(error)"); return }
        #expect(path == "t.csv" && line == 5)
        #expect(detail.contains(c.hex), "\(detail)")
        let message = "\(error)"
        #expect(message.hasPrefix("t.csv:5: the file is not UTF-8 text: "))
        #expect(message.contains("nothing was written"))
        #expect(message.contains("File > Save As > CSV UTF-8 (Comma delimited)"))
        #expect(message.contains("Character set: Unicode (UTF-8)"))
        #expect(!message.contains("\u{FFFD}"), "the message shows bytes, not replacement characters")
    }

    static let placed: [([UInt8], Int)] = [
        (Array("na".utf8) + [0xEF] + Array("me,x\nA,b\n".utf8), 1),
        (Array("h,x\n\"a,".utf8) + [0xE9] + Array("\",b\n".utf8), 2),
        (Array("h,x\na,b\nc,d".utf8) + [0xE9], 3),
        (Array("h,x\r\na,b\r\n\r\nc,".utf8) + [0xE9] + Array("\r\n".utf8), 4),
    ]

    @Test("the bad bytes are found in the header, in a quoted field, and at the last byte of the file", arguments: placed)
    func places(bytes: [UInt8], line: Int) {
        guard case let .notUTF8(_, at, _)? = refusal(bytes) else { Issue.record("not refused"); return }
        #expect(at == line)
    }

    static let wide: [([UInt8], String)] = [
        ([0xFF, 0xFE] + Array("h\0,\0x\0\n\0".utf8), "UTF-16"),
        ([0xFE, 0xFF] + Array("\0h\0,\0x\0\n".utf8), "UTF-16 text (big-endian)"),
        ([0xFF, 0xFE, 0, 0, 0x68, 0, 0, 0], "UTF-32"),
        ([0xFF, 0xFE], "UTF-16"),
    ]

    @Test("a UTF-16 or UTF-32 byte order mark refuses the file at line 1, naming the encoding", arguments: wide)
    func wideByteOrderMark(bytes: [UInt8], name: String) {
        guard case let .notUTF8(_, line, detail)? = refusal(bytes) else { Issue.record("not refused"); return }
        #expect(line == 1 && detail.contains(name), "\(detail)")
    }

    @Test("UTF-8 text of every kind is read as it is", arguments: ["Zoë Faure", "François", "李敏俊", "Ana 🌸", "Ærø ﬁ", "\u{FEFF}x"])
    func validText(_ text: String) throws {
        let r = try records(Array("h,client\nA,\(text)\n".utf8))
        #expect(r.count == 2 && r[1].fields == ["A", text] && !r[1].hasReplacementCharacter)
    }

    @Test("a field holding U+FFFD flags its record, and only it", arguments: ["Zo\u{FFFD} Faure", "\u{FFFD}", "abc\u{FFFD}", "\"a,\u{FFFD}\""])
    func replacementCharacter(_ field: String) throws {
        let r = try records(Array("h,x\nA,ok\nB,\(field)\nC,é\n".utf8))
        #expect(r.map(\.hasReplacementCharacter) == [false, false, true, false])
    }

    @Test("bytes that are not UTF-8 past the 64 KiB read boundary are found")
    func chunkBoundary() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("enc-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var bytes = Array("h,x\n".utf8)
        for i in 0..<5_000 { bytes += Array("r\(i),Zoë Faure\n".utf8) }
        bytes += Array("bad,Zo".utf8) + [0xEB] + Array("\n".utf8)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let reader = try CSVReader(path: path)
        #expect(throws: ReportError.self) { while try reader.next() != nil {} }
        let again = try CSVReader(path: path)
        var lines = 0
        do { while try again.next() != nil { lines += 1 } } catch let ReportError.notUTF8(_, line, _) {
            #expect(line == 5_002 && lines == 5_001)
        }
    }
}

/// Rows that only look filled (issue 10): separators, spaces and tabs only are blank lines.
@Suite("Reading CSV: blank-looking rows")
struct CSVBlankRowTests {
    func records(_ text: String) throws -> [CSVRecord] {
        let reader = CSVReader(bytes: Array(text.utf8), name: "t.csv")
        var out: [CSVRecord] = []
        while let r = try reader.next() { out.append(r) }
        return out
    }

    @Test("separators, spaces and tabs only are skipped as blank lines", arguments: [
        ",,,,,", ",", "   ", "\t", " , ,\t,", "\t\t,\t", "\"\",\"\"", "\" \",", ",,,,,\r", "  \r",
    ])
    func skipped(_ blank: String) throws {
        let r = try records("h1,h2\na,b\n\(blank)\nc,d\n\(blank)\n")
        #expect(r.map(\.fields) == [["h1", "h2"], ["a", "b"], ["c", "d"]])
        #expect(r.map(\.line) == [1, 2, 4])
    }

    @Test("a row with separators and one non-blank field is a row", arguments: [",,x,,", "x,,,", ",,,x", " ,\t,. ", ",\"a\","])
    func kept(_ row: String) throws {
        let r = try records("h1,h2\n\(row)\n")
        #expect(r.count == 2 && r[1].line == 2)
    }
}
