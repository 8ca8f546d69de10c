import Pricing
import PropertyBased
import Testing
@testable import Reports

@Suite("Monthly conversion rate, exact until a cell is written")
struct ConversionRateTests {
    /// The rate as the report made it before ConversionRate: formatted to text, which a
    /// workbook cell then read back with `Double(text)`.
    static func oldText(accepted: Int, issued: Int) -> String {
        let tenThousandths = RoundingMode.halfUp.divide(Int128(accepted) * 10_000, by: Int128(issued))
        return ExactDecimal.fixed(tenThousandths, decimals: 4)
    }

    @Test("the rate is accepted / issued in ten-thousandths, half up, with its CSV text",
          arguments: [(3, 4, 7_500, "0.7500"), (1, 3, 3_333, "0.3333"), (2, 3, 6_667, "0.6667"), (0, 5, 0, "0.0000"),
                      (7, 7, 10_000, "1.0000"), (1, 20_000, 1, "0.0001"), (1, 20_001, 0, "0.0000"), (1, 8, 1_250, "0.1250")])
    func examples(accepted: Int, issued: Int, tenThousandths: Int64, text: String) throws {
        let rate = try #require(ConversionRate(accepted: accepted, issued: issued))
        #expect(rate.tenThousandths == tenThousandths)
        #expect(rate.text == text)
        #expect(rate.fraction == Double(text))
    }

    @Test("no rate when none were issued, for a negative count or one that does not fit",
          arguments: [(0, 0), (3, 0), (1, -2), (-1, 4), (Int.max, 1)])
    func noRate(accepted: Int, issued: Int) {
        #expect(ConversionRate(accepted: accepted, issued: issued) == nil)
    }

    @Test("a row's rate is its issued-and-accepted over issued; its text the CSV cell")
    func rowRate() {
        var row = MonthlyRow(month: YearMonth(iso: "2026-11")!, location: "a", tier: "b")
        #expect(row.conversion == nil && row.conversionRate == nil)
        row.quotesIssued = 3; row.issuedAndAccepted = 2
        #expect(row.conversion == ConversionRate(tenThousandths: 6_667))
        #expect(row.conversionRate == "0.6667")
    }

    @Test("over random pairs, the exact rate gives the old text byte for byte and the number the old text read back (property)")
    func sameAsTextPath() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: 1...Int.max), Gen.int(in: 0...Int.max), Gen.int(in: 1...400)) { big, seed, small in
            // Any count of quotes, and small ones (where rounding ties and 1/3s happen).
            for issued in [big, small] {
                let accepted = seed % (issued + 1)
                let old = Self.oldText(accepted: accepted, issued: issued)
                guard let rate = ConversionRate(accepted: accepted, issued: issued) else {
                    Issue.record("no rate for \(accepted)/\(issued)"); return
                }
                #expect(rate.text == old, "\(accepted)/\(issued)")
                #expect(rate.fraction == Double(old), "\(accepted)/\(issued)")
            }
        }
    }

    @Test("every rate from 0 to 1 in ten-thousandths is the number its text reads as")
    func everyTenThousandth() {
        let mismatches = (0...10_000).filter { t in
            let rate = ConversionRate(tenThousandths: Int64(t))
            return rate.fraction != Double(rate.text)
        }
        #expect(mismatches.isEmpty)
    }
}
