import Testing
@testable import Ledger
import Pricing

@Suite("Add-on lines stored as text")
struct AddonLinesTextTests {
    @Test("any id and name round-trip, tabs, line breaks and backslashes included", arguments: [
        "Aftercare kit: gentle cleanser, moisturizer, SPF 50", "tab\there", "two\nlines", "back\\slash \\t not a tab", "cr\r\nlf", "", "Zoë's «serum»",
    ])
    func roundTrip(name: String) {
        let lines = [AddonLine(id: "kit\t1", name: name, unitPrice: Money(cents: 8_995), per: .package, quantity: 1,
                               amount: Money(cents: 8_995), taxable: true),
                     AddonLine(id: "serum", name: "Serum", unitPrice: Money(cents: 4_500), per: .session, quantity: 6,
                               amount: Money(cents: 27_000), taxable: false)]
        #expect(AddonLinesText.decode(AddonLinesText.encode(lines)) == lines)
    }

    @Test("the text is exactly the documented format (ledgers already written hold it)")
    func exactText() {
        let lines = [AddonLine(id: "kit", name: "Kit\\a\tb\nc\rd ë", unitPrice: Money(cents: 8_995), per: .package,
                               quantity: 1, amount: Money(cents: 8_995), taxable: true),
                     AddonLine(id: "serum", name: "Serum", unitPrice: Money(cents: 4_500), per: .session, quantity: 6,
                               amount: Money(cents: 27_000), taxable: false)]
        #expect(AddonLinesText.encode(lines)
                == "kit\tpackage\t1\t8995\t8995\t1\tKit\\\\a\\tb\\nc\\rd ë\nserum\tsession\t6\t4500\t27000\t0\tSerum")
    }

    @Test("no add-ons is the empty text; a damaged text is refused")
    func edges() {
        #expect(AddonLinesText.encode([]) == "" && AddonLinesText.decode("") == [])
        #expect(AddonLinesText.decode("kit\tpackage\tone\t1\t1\t1\tKit") == nil)
    }
}

@Suite("Ledger quote ids")
struct QuoteNumberTests {
    @Test("ids are Q-, the year and a count of at least six digits, and parse back", arguments: [
        (2026, 1, "Q-2026-000001"), (2026, 123, "Q-2026-000123"), (2027, 999_999, "Q-2027-999999"),
        (2027, 1_000_000, "Q-2027-1000000"), (2030, 9_999_999, "Q-2030-9999999"),
        // Years before 1000 keep four digits (the parser, and so `ledger show`, needs them).
        (1, 1, "Q-0001-000001"), (999, 42, "Q-0999-000042"), (9999, 7, "Q-9999-000007"),
    ])
    func text(year: Int, seq: Int, id: String) {
        let n = QuoteNumber(year: year, seq: seq)
        #expect(n.description == id)
        #expect(QuoteNumber(id) == n)
        #expect(n.rowID == Int64(year) * 10_000_000 + Int64(seq))
    }

    @Test("the byte check of a stored quote id agrees with the parser on the ids spaquote writes", arguments: [
        "Q-2026-000001", "Q-2027-1000000", "Q-9999-9999999", "Q-0001-000001", "Q-0000-000001", "Q-2026-000000",
        "Q-2026-00001", "Q-2026-00000001", "Q-26-000001", "q-2026-000001", "Q-2026-00000a", "Q_2026-000001", "",
        "Q-2026-000001 ", "Q-2026--00001", "Q-２０２６-000001",
    ])
    func wellFormed(id: String) {
        var text = id
        let checked = text.withUTF8 { QuoteNumber.isWellFormed($0) }
        #expect(checked == (QuoteNumber(id).map { $0.description == id } ?? false))
    }
}
