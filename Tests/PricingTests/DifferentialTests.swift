import Testing
@testable import Pricing

@Suite("The engine against an independent reference")
struct DifferentialTests {
    /// 100,000 random requests over 1,000 random rate cards (the property tests' scenario
    /// generator, with a fixed seed so a failure is reproducible): no figure may differ.
    @Test("100,000 random requests over random rate cards give the same quote as the reference")
    func hundredThousand() {
        var state: UInt64 = 0x5EED
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var compared = 0, differing: [String] = []
        for _ in 0..<100_000 {
            let seed = (0..<27).map { _ in next() }
            let (card, request) = QuotePropertyTests.scenario(seed)
            guard let quote = try? QuoteEngine.quote(request, card: card, today: day("2026-01-01")) else {
                differing.append("rejected a valid scenario \(seed)")
                continue
            }
            compared += 1
            let reference = ReferenceQuote(quote.request, card: card)
            if ReferenceQuote(engine: quote) != reference && differing.count < 5 {
                differing.append("seed \(seed): engine \(ReferenceQuote(engine: quote)) reference \(reference)")
            }
        }
        #expect(compared == 100_000)
        #expect(differing.isEmpty, "\(differing)")
    }
}
