import Testing
@testable import Pricing

@Suite("Money and percentages")
struct MoneyTests {
    @Test("money parses exactly from text with at most two decimals", arguments: [
        ("250", 25_000), ("89.95", 8_995), ("399.99", 39_999), ("0", 0), ("60.5", 6_050), (" 7.10 ", 710), ("89.950", 8_995),
    ])
    func parsesMoney(text: String, expected: Int64) {
        #expect(Money.parse(text) == .success(Money(cents: expected)))
    }

    @Test("money rejects more decimals, negatives and non-numbers", arguments: [
        ("89.955", ExactDecimal.Problem.tooManyDecimals(allowed: 2)), ("-5", .negative), ("abc", .notANumber),
        ("", .empty), ("1.2.3", .notANumber), ("1e3", .notANumber), (".5", .notANumber), ("5.", .notANumber),
        ("99999999999999999999", .tooLarge),
    ])
    func rejectsMoney(text: String, problem: ExactDecimal.Problem) {
        #expect(Money.parse(text) == .failure(problem))
    }

    @Test("money prints with exactly two decimals and no separators", arguments: [
        (131_693, "1316.93"), (5, "0.05"), (0, "0.00"), (100_000_000, "1000000.00"), (-250, "-2.50"),
    ])
    func formatsMoney(cents: Int64, text: String) {
        #expect(Money(cents: cents).description == text)
    }

    @Test("percentages keep four decimals and print their shortest form", arguments: [
        ("10", "10", Int64(100_000)), ("12.5", "12.5", 125_000), ("8.875", "8.875", 88_750), ("0.0001", "0.0001", 1), ("100", "100", 1_000_000),
    ])
    func percentages(text: String, shown: String, units: Int64) throws {
        let p = try Percent.parse(text).get()
        #expect(p.units == units)
        #expect(p.description == shown)
    }

    @Test("a percentage with five decimals is rejected")
    func percentTooPrecise() {
        #expect(Percent.parse("1.00001") == .failure(.tooManyDecimals(allowed: 4)))
    }

    @Test("half a cent rounds up in half-up and to the even cent in half-even", arguments: [
        // 1841.96 x 12.5% = 230.245 -> 230.25 / 230.24
        (184_196, "12.5", RoundingMode.halfUp, Int64(23_025)), (184_196, "12.5", .halfEven, 23_024),
        // 1.30 x 50% = 0.65 exactly -> both keep it
        (130, "50", .halfUp, 65), (130, "50", .halfEven, 65),
        // 0.25 x 50% = 0.125 -> 0.13 / 0.12 ; 0.35 x 50% = 0.175 -> 0.18 / 0.18
        (25, "50", .halfUp, 13), (25, "50", .halfEven, 12), (35, "50", .halfUp, 18), (35, "50", .halfEven, 18),
        // just under and over a half never depend on the mode
        (89_95, "8.875", .halfUp, 798), (89_95, "8.875", .halfEven, 798),
    ])
    func rounding(amount: Int64, percent: String, mode: RoundingMode, expected: Int64) throws {
        let p = try Percent.parse(percent).get()
        #expect(Money(cents: amount).percentage(p, rounding: mode) == Money(cents: expected))
    }

    @Test("a split gives leftover cents to the earliest parts and adds back up", arguments: [
        (117_242, 4, [29_311, 29_311, 29_310, 29_310]), (105_354, 3, [35_118, 35_118, 35_118]),
        (100, 3, [34, 33, 33]), (2, 5, [1, 1, 0, 0, 0]), (0, 2, [0, 0]),
    ])
    func split(total: Int64, parts: Int, expected: [Int64]) {
        let shares = Money(cents: total).split(into: parts)
        #expect(shares.map(\.cents) == expected)
        #expect(shares.reduce(0) { $0 + $1.cents } == total)
    }

    @Test("an even share per session rounds once", arguments: [
        (121_900, 3, RoundingMode.halfUp, Int64(40_633)), (5, 2, .halfUp, 3), (5, 2, .halfEven, 2), (7, 2, .halfEven, 4),
    ])
    func share(total: Int64, parts: Int, mode: RoundingMode, expected: Int64) {
        #expect(Money(cents: total).share(of: parts, rounding: mode).cents == expected)
    }

    @Test("a TOML float becomes exact decimal text", arguments: [
        ("1e-05", "0.00001"), ("1.5e+16", "15000000000000000"), ("399.99", "399.99"), ("2.5e-3", "0.0025"), ("1.0", "1.0"),
    ])
    func floatText(printed: String, plain: String) {
        #expect(TOMLFloat.plain(printed) == plain)
    }
}

@Suite("Numbers and dates written as bytes")
struct ASCIIBytesTests {
    @Test("integers are written in decimal, negatives and the extremes included", arguments: [
        (Int64(0), "0"), (7, "7"), (10, "10"), (-5, "-5"), (1_234_567, "1234567"), (-100, "-100"),
        (Int64.max, "9223372036854775807"), (Int64.min, "-9223372036854775808"),
    ])
    func decimal(value: Int64, text: String) {
        var bytes: [UInt8] = [0x41]
        ASCIIDecimal.append(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "A" + text)
    }

    @Test("a date is written as its ISO text", arguments: ["2026-11-26", "0999-01-01", "2028-02-29", "9999-12-31"])
    func date(iso: String) throws {
        var bytes: [UInt8] = []
        let date = try #require(LocalDate(iso: iso))
        date.appendISO(to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == iso && date.description == iso)
    }
}
