/// An amount of money as a whole number of cents (minor units of the rate card's currency).
///
/// All arithmetic is exact integer arithmetic; rounding happens only through
/// ``RoundingMode`` at the steps SPEC.md names.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The amount in cents.
    public var cents: Int64

    /// An amount of `cents` cents.
    public init(cents: Int64) { self.cents = cents }

    /// Zero cents.
    public static let zero = Money(cents: 0)

    /// Parses a non-negative amount with at most 2 decimals ("250", "89.95").
    public static func parse(_ text: some StringProtocol) -> Result<Money, ExactDecimal.Problem> {
        ExactDecimal.parse(text, decimals: 2).map(Money.init(cents:))
    }

    /// Plain decimal with exactly two fractional digits, no symbol or separators ("1316.93").
    public var description: String { ExactDecimal.fixed(cents, decimals: 2) }

    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }
    public static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
    public static func - (a: Money, b: Money) -> Money { Money(cents: a.cents - b.cents) }
    public static func * (a: Money, n: Int) -> Money { Money(cents: a.cents * Int64(n)) }
    public static func += (a: inout Money, b: Money) { a.cents += b.cents }
    public static func -= (a: inout Money, b: Money) { a.cents -= b.cents }

    /// `R(self x percent / 100)`: the percentage of this amount, rounded once with `mode`.
    public func percentage(_ percent: Percent, rounding mode: RoundingMode) -> Money {
        Money(cents: mode.divide(Int128(cents) * Int128(percent.units), by: Int128(Percent.unitsPerPercent) * 100))
    }

    /// `R(self / parts)`: an even share rounded once with `mode` (display only; use
    /// ``split(into:)`` when the parts must add back up).
    public func share(of parts: Int, rounding mode: RoundingMode) -> Money {
        Money(cents: mode.divide(Int128(cents), by: Int128(parts)))
    }

    /// Splits this amount into `parts` amounts of equal cents, the leftover cents going
    /// one each to the earliest parts. The parts always add up to `self`.
    public func split(into parts: Int) -> [Money] {
        precondition(parts > 0, "split needs at least one part")
        let n = Int64(parts)
        let base = cents / n
        let leftover = Int(cents - base * n)
        return (0..<parts).map { Money(cents: base + ($0 < leftover ? 1 : 0)) }
    }
}
