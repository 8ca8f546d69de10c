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

    @Test("rows packed back to back are read one after another, each ending where the next starts")
    func backToBack() throws {
        let page = ByteBuffer(string: "1,1:a-10," + "2,2:bc10:2026-11-01~,")
        let first = try #require(PackedCells(page, from: 0, layout: Self.layout))
        let second = try #require(PackedCells(page, from: first.end, layout: Self.layout))
        #expect(first.integer(0) == 1 && first.withText(1) { $0.map { String(decoding: $0, as: UTF8.self) } } == "a")
        #expect(second.integer(0) == 2 && second.withText(2) { $0.map { String(decoding: $0, as: UTF8.self) } } == "2026-11-01")
        #expect(second.isNull(3) && second.end == page.readableBytes)
        #expect(PackedCells(page, layout: Self.layout) == nil, "two rows are not one")
    }

    @Test("a page whose last row is cut short is refused", arguments: ["1,1:a-10,2,", "1,1:a-10,2,2:b", "1,1:a-10,2,2:bc-"])
    func cutShort(_ text: String) throws {
        let page = ByteBuffer(string: text)
        let first = try #require(PackedCells(page, from: 0, layout: Self.layout))
        #expect(PackedCells(page, from: first.end, layout: Self.layout) == nil)
    }

    @Test("the packing the server stores (migration 3) is the one the monthly report reads")
    func storedPacking() {
        let squeeze = { (text: String) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let migration = squeeze(PostgresSchema.migrations[2].joined(separator: " "))
        #expect(migration.contains("revenue_packed"))
        #expect(migration.contains(squeeze(PackedCells.Layout(QuoteColumns.revenue).select)))
    }
}
