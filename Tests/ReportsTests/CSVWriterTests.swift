import Pricing
import PropertyBased
import Testing
@testable import Reports

@Suite("Writing CSV")
struct CSVWriterTests {
    @Test("text that a spreadsheet would run as a formula gets a leading quote", arguments: [
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("\nx", "\"'\nx\""), ("Ana", "Ana"), ("a=b", "a=b"),
    ])
    func neutralizes(text: String, field: String) {
        #expect(CSVWriter.field(.text(text)) == field)
    }

    @Test("numbers, money and dates are never prefixed")
    func numbersUntouched() {
        #expect(CSVWriter.field(.money(Money(cents: -250))) == "-2.50")
        #expect(CSVWriter.field(.integer(-3)) == "-3")
        #expect(CSVWriter.field(.date(LocalDate(iso: "2026-11-01")!)) == "2026-11-01")
    }

    @Test("money and whole numbers are written exactly, at the extremes too", arguments: [
        (Int64(0), "0.00"), (5, "0.05"), (-5, "-0.05"), (100, "1.00"), (-250, "-2.50"), (131_693, "1316.93"),
        (Int64.max, "92233720368547758.07"), (Int64.min, "-92233720368547758.08"),
    ])
    func money(cents: Int64, text: String) {
        var e = CSVLineEncoder()
        e.integer(1)
        e.money(Money(cents: cents))
        #expect(String(decoding: e.bytes, as: UTF8.self) == "1," + text)
    }

    @Test("a list is written as its joined text would be: quoted and neutralized alike (property)")
    func listAsJoinedText() async {
        let piece = Gen.oneOf(Gen.always(""), Gen.always("face"), Gen.always("=x"), Gen.always("-"), Gen.always("a,b"),
                              Gen.always("\"q\""), Gen.always("Zoë"), Gen.always("\n"), Gen.always(" sp"))
        await propertyCheck(input: piece.array(of: 0...4)) { items in
            var list = CSVLineEncoder(), joined = CSVLineEncoder()
            list.empty(); list.list(items)
            joined.empty(); joined.text(items.joined(separator: ";"))
            #expect(list.bytes == joined.bytes, "\(items)")
        }
    }

    @Test("commas, quotes and line breaks are quoted")
    func quoting() {
        #expect(CSVWriter.line([.text("Lee, Min-jun"), .text("say \"hi\""), .text("a\nb"), .empty]) == "\"Lee, Min-jun\",\"say \"\"hi\"\"\",\"a\nb\",\r\n")
    }

    @Test("what the writer writes, the reader reads back")
    func roundTrip() throws {
        let cells: [[Cell]] = [[.text("a,b"), .text("\"q\""), .text("multi\r\nline")], [.text("Zoë"), .empty, .text("x")]]
        let text = cells.map(CSVWriter.line).joined()
        let reader = CSVReader(bytes: Array(text.utf8))
        var back: [[String]] = []
        while let r = try reader.next() { back.append(r.fields) }
        #expect(back == cells.map { $0.map(\.text) })
    }

    @Test("the default rejects file sits beside the output", arguments: [
        ("out.csv", "out.rejects.csv"), ("dir/q.xlsx", "dir/q.rejects.csv"), ("noext", "noext.rejects.csv"), ("a.b/c.CSV", "a.b/c.rejects.csv"),
    ])
    func rejectsPath(output: String, rejects: String) {
        #expect(BatchRun.defaultRejectsPath(for: output) == rejects)
    }
}
