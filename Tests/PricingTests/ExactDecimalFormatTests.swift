import PropertyBased
import Testing
@testable import Pricing

/// The decimal text of cents and percentages, written digit by digit: checked against
/// hand-written cases and, for any value, against the parse that reads it back.
@Suite("Exact decimals print as written by hand and read back to the same value")
struct ExactDecimalFormatTests {
    @Test("fixed keeps every decimal, shortest drops trailing zeros and a bare point",
          arguments: [(131693 as Int64, 2, "1316.93", "1316.93"), (5, 2, "0.05", "0.05"), (-5, 2, "-0.05", "-0.05"),
                      (1250, 2, "12.50", "12.5"), (1000, 2, "10.00", "10"), (0, 2, "0.00", "0"), (-100, 2, "-1.00", "-1"),
                      (8875, 3, "8.875", "8.875"), (42, 0, "42", "42"), (-42, 0, "-42", "-42"), (0, 0, "0", "0"),
                      (125_000, 4, "12.5000", "12.5"),
                      (Int64.min, 2, "-92233720368547758.08", "-92233720368547758.08"),
                      (Int64.max, 4, "922337203685477.5807", "922337203685477.5807")])
    func cases(_ value: Int64, _ decimals: Int, _ fixed: String, _ shortest: String) {
        #expect(ExactDecimal.fixed(value, decimals: decimals) == fixed)
        #expect(ExactDecimal.shortest(value, decimals: decimals) == shortest)
    }

    @Test("appended to bytes already there, a value is written as its digits and the bytes before it stay",
          arguments: [(131693 as Int64, 2, "1316.93", "1316.93"), (-5, 2, "-0.05", "-0.05"), (125_000, 4, "12.5000", "12.5"),
                      (1_000_000, 4, "100.0000", "100"), (0, 0, "0", "0"),
                      (Int64.min, 2, "-92233720368547758.08", "-92233720368547758.08"),
                      (Int64.max, 4, "922337203685477.5807", "922337203685477.5807")])
    func appends(_ value: Int64, _ decimals: Int, _ fixed: String, _ shortest: String) {
        for (trimZeros, text) in [(false, fixed), (true, shortest)] {
            var bytes = Array("x: ".utf8)
            ExactDecimal.append(value, decimals: decimals, trimZeros: trimZeros, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "x: " + text)
        }
    }

    @Test("any value, with 0 to 4 decimals, reads back to itself from either form")
    func readsBack() async {
        await propertyCheck(count: 2_000, input: Gen.int64(in: -Int64.max...Int64.max), Gen.int(in: 0...4)) { value, decimals in
            for text in [ExactDecimal.fixed(value, decimals: decimals), ExactDecimal.shortest(value, decimals: decimals)] {
                let negative = text.hasPrefix("-")
                let unsigned = negative ? String(text.dropFirst()) : text
                guard case let .success(read) = ExactDecimal.parse(unsigned, decimals: decimals) else {
                    Issue.record("\(text) did not read back")
                    return
                }
                #expect((negative ? -read : read) == value, "\(text)")
            }
        }
    }
}
