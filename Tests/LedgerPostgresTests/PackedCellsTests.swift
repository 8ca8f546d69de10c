import Ledger
import NIOCore
import Testing
@testable import LedgerPostgres

/// The packing of a revenue row into one text cell, read without a server.
@Suite("Packed revenue rows")
struct PackedCellsTests {
    static let layout = PackedCells.Layout(["id", "location", "accepted_on", "total"])

    static func cells(_ text: String) -> PackedCells? {
        PackedCells(ByteBuffer(string: text), layout: layout)
    }

    @Test("lengths, not separators, bound each column: colons, dashes, digits and multi-byte text inside a value are read as they are")
    func values() throws {
        let text = "Zoë: -5:3"
        let packed = "2026001,\(text.utf8.count):\(text)--9,"
        let cells = try #require(Self.cells(packed))
        #expect(cells.integer(0) == 2026001)
        #expect(cells.withText(1) { $0.map { String(decoding: $0, as: UTF8.self) } } == text)
        #expect(cells.isNull(2) && !cells.isNull(1))
        #expect(cells.integer(3) == -9)
        #expect(cells.index(of: "total") == 3 && cells.index(of: "tier") == nil)
    }

    @Test("an integer column reads as a number only, a text column as text only, as typed cells do")
    func kinds() throws {
        let cells = try #require(Self.cells("7," + "2:42" + "10:2026-11-01" + "12.5,"))
        #expect(cells.withText(0) { $0 } == nil)
        #expect(cells.integer(1) == nil)
        #expect(cells.withText(1) { $0.map { String(decoding: $0, as: UTF8.self) } } == "42")
        #expect(cells.integer(3) == nil, "12.5 is not a whole number")
        #expect(cells.shownValue(3) == "'12.5'")
    }

    @Test("integers beyond 64 bits read as none (the row reader then names the column)",
          arguments: ["9223372036854775808", "-9223372036854775809", "99999999999999999999999", "-", "1-2", "", "~~", " 1"])
    func overflow(_ value: String) throws {
        let cells = try #require(Self.cells("1," + "1:a" + "-" + "\(value),"))
        #expect(cells.integer(3) == nil)
    }

    @Test("a packing that does not match its columns is refused whole",
          arguments: ["", "1,", "1,1:a-10,extra", "1,5:a-1,", "x:1", "1,1:a-", "1,1:a-1", "1,1:a--1,1,", "1,1:a~,1,"])
    func malformed(_ packed: String) {
        #expect(Self.cells(packed) == nil)
    }

    @Test("NULL in an integer column is `~,`; a text column's NULL is `-`")
    func nulls() throws {
        let cells = try #require(Self.cells("~," + "-" + "-" + "~,"))
        #expect(cells.isNull(0) && cells.isNull(1) && cells.isNull(2) && cells.isNull(3))
        #expect(cells.integer(0) == nil && cells.withText(1) { $0 } == nil)
    }

    @Test("the extremes of 64 bits are read exactly")
    func extremes() throws {
        let cells = try #require(Self.cells("9223372036854775807," + "1:a" + "-" + "-9223372036854775808,"))
        #expect(cells.integer(0) == Int64.max)
        #expect(cells.integer(3) == Int64.min)
    }
}
