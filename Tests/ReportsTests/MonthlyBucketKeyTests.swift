import PropertyBased
import Testing
@testable import Reports

@Suite("Monthly bucket key (location x tier)")
struct MonthlyBucketKeyTests {
    /// The order of the old string keys, `location + "\u{1F}" + tier` split again to sort.
    static func oldOrder(_ keys: [String]) -> [String] {
        keys.sorted { a, b in
            let x = a.split(separator: "\u{1F}", omittingEmptySubsequences: false)
            let y = b.split(separator: "\u{1F}", omittingEmptySubsequences: false)
            return (x[0], x[1]) < (y[0], y[1])
        }
    }

    static let piece = Gen.oneOf(Gen.always(""), Gen.always("a"), Gen.always("A"), Gen.always("ab"), Gen.always("b"),
                                 Gen.always("ALL"), Gen.always("downtown"), Gen.always("down"), Gen.always("é"),
                                 Gen.always("Zoë"), Gen.always("-"), Gen.always(" "), Gen.always("1"), Gen.always("北"))

    @Test("keys sort as the old string keys did, by location then tier (property)")
    func sameOrder() async {
        let name = Self.piece.array(of: 1...3).map { $0.joined() }
        await propertyCheck(count: 300, input: name.array(of: 2).array(of: 0...12)) { pairs in
            let keys = Array(Set(pairs.map { MonthlyBucketKey(location: $0[0], tier: $0[1]) }))
            let new = keys.sorted().map { $0.location + "\u{1F}" + $0.tier }
            let old = Self.oldOrder(keys.map { $0.location + "\u{1F}" + $0.tier })
            #expect(new == old, "\(pairs)")
        }
    }

    @Test("keys order by location first (a shorter name first, capitals first), then by tier",
          arguments: [(("down", "z"), ("downtown", "a")), (("", "z"), ("a", "")), (("a", "b"), ("a", "c")), (("A", "z"), ("a", "a"))])
    func order(first: (String, String), second: (String, String)) {
        let a = MonthlyBucketKey(location: first.0, tier: first.1), b = MonthlyBucketKey(location: second.0, tier: second.1)
        #expect(a < b && !(b < a))
    }

    @Test("pairs a joined string would confuse are different keys",
          arguments: [(("a\u{1F}b", "c"), ("a", "b\u{1F}c")), (("a\u{1F}", ""), ("a", "\u{1F}"))])
    func distinct(first: (String, String), second: (String, String)) {
        let a = MonthlyBucketKey(location: first.0, tier: first.1), b = MonthlyBucketKey(location: second.0, tier: second.1)
        #expect(first.0 + "\u{1F}" + first.1 == second.0 + "\u{1F}" + second.1)
        #expect(a != b && Set([a, b]).count == 2)
    }
}
