import Testing
@testable import Reports

@Suite("A CSV record as the reader builds it")
struct CSVRecordBuilderTests {
    static func build(_ fields: [[UInt8]]) throws(ReportError) -> CSVRecord {
        var b = CSVRecordBuilder(line: 7, path: "t.csv", fieldCount: 4)
        for f in fields {
            f.withUnsafeBufferPointer { b.add($0, bits: $0.reduce(0, |), zero: $0.contains(0)) }
            b.finishField()
        }
        return try b.record()
    }

    @Test("Fields keep their text and the record its line and flags", arguments: [
        ([Array("a".utf8), Array("Zoë".utf8)], ["a", "Zoë"], false, false),
        ([[0x61, 0x00]], ["a\u{0}"], true, false),
        ([Array("x\u{FFFD}".utf8)], ["x\u{FFFD}"], false, true),
    ] as [([[UInt8]], [String], Bool, Bool)])
    func fields(bytes: [[UInt8]], text: [String], nul: Bool, replacement: Bool) throws {
        let r = try Self.build(bytes)
        #expect(r.fields == text && r.line == 7 && r.hasNUL == nul && r.hasReplacementCharacter == replacement)
    }

    @Test("Bytes that are not UTF-8 fail the record, naming its first line", arguments: [[0xFF], [0x61, 0xC3], [0xED, 0xA0, 0x80]] as [[UInt8]])
    func notUTF8(bytes: [UInt8]) {
        #expect(throws: ReportError.self) { _ = try Self.build([Array("ok".utf8), bytes]) }
        do { _ = try Self.build([bytes]) } catch { #expect("\(error)".contains("7")) }
    }

    @Test("At the end of the input an open quote is an error and a trailing CR of an unquoted field goes",
          arguments: [CSVReadState.quoted, .unquoted, .quoteInQuoted])
    func end(state: CSVReadState) throws {
        var b = CSVRecordBuilder(line: 3, path: "t.csv", fieldCount: 1)
        Array("ab\r".utf8).withUnsafeBufferPointer { b.add($0, bits: 0x7F, zero: false) }
        if state == .quoted {
            #expect(throws: ReportError.self) { _ = try b.finishAtEnd(state: state) }
        } else {
            #expect(try b.finishAtEnd(state: state).fields == [state == .unquoted ? "ab" : "ab\r"])
        }
    }
}
