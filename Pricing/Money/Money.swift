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

    // The operators trap on overflow, like Int64's: use them only where a bound proves the
    // result fits (see ``RateCardLimits``). Amounts that come from input go through the
    // `checked` methods below, which return nil instead.
    public static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
    public static func - (a: Money, b: Money) -> Money { Money(cents: a.cents - b.cents) }
    public static func * (a: Money, n: Int) -> Money { Money(cents: a.cents * Int64(n)) }
    public static func += (a: inout Money, b: Money) { a.cents += b.cents }
    public static func -= (a: inout Money, b: Money) { a.cents -= b.cents }

    /// `self + other`, or nil when the sum is outside `Int64` cents. Never saturates.
    public func checkedAdding(_ other: Money) -> Money? {
        let (sum, overflow) = cents.addingReportingOverflow(other.cents)
        return overflow ? nil : Money(cents: sum)
    }

    /// `self - other`, or nil when the difference is outside `Int64` cents.
    public func checkedSubtracting(_ other: Money) -> Money? {
        let (difference, overflow) = cents.subtractingReportingOverflow(other.cents)
        return overflow ? nil : Money(cents: difference)
    }

    /// `self x n`, or nil when the product is outside `Int64` cents.
    public func checkedMultiplied(by n: Int) -> Money? {
        guard let factor = Int64(exactly: n) else { return nil }
        let (product, overflow) = cents.multipliedReportingOverflow(by: factor)
        return overflow ? nil : Money(cents: product)
    }

    /// The sum of `amounts`, or nil as soon as a partial sum is outside `Int64` cents.
    public static func checkedSum(_ amounts: some Sequence<Money>) -> Money? {
        var sum = Money.zero
        for a in amounts {
            guard let s = sum.checkedAdding(a) else { return nil }
            sum = s
        }
        return sum
    }

    /// `R(self x percent / 100)`: the percentage of this amount, rounded once with `mode`.
    /// The exact product is formed in `Int128` (it cannot overflow there). For a
    /// non-negative amount and a percentage in 0...100 the result is at most `self`, so it
    /// always fits; otherwise this traps: use ``checkedPercentage(_:rounding:)``.
    public func percentage(_ percent: Percent, rounding mode: RoundingMode) -> Money {
        guard let p = checkedPercentage(percent, rounding: mode) else {
            preconditionFailure("R(\(self) x \(percent)% / 100) is not a non-negative amount that fits in Int64 cents")
        }
        return p
    }

    /// `R(self x percent / 100)` rounded once with `mode`, or nil when the amount or the
    /// percentage is negative or the result does not fit in `Int64` cents.
    public func checkedPercentage(_ percent: Percent, rounding mode: RoundingMode) -> Money? {
        mode.checkedDivide(Int128(cents) * Int128(percent.units), by: Int128(Percent.unitsPerPercent) * 100)
            .map(Money.init(cents:))
    }

    /// `R(self / parts)`: an even share rounded once with `mode` (display only; use
    /// ``split(into:)`` when the parts must add back up). `self` must not be negative and
    /// `parts` must be positive; the share is then at most `self`.
    public func share(of parts: Int, rounding mode: RoundingMode) -> Money {
        Money(cents: mode.divide(Int128(cents), by: Int128(parts)))
    }

    /// Splits this amount into `parts` amounts of equal cents, the leftover cents going
    /// one each to the earliest parts. The parts always add up to `self`, for any amount
    /// (a negative amount is split by floor division, so the leftover is never negative).
    public func split(into parts: Int) -> [Money] {
        precondition(parts > 0, "split needs at least one part")
        let n = Int128(parts), total = Int128(cents)
        var base = total / n
        if total % n < 0 { base -= 1 }
        let leftover = Int(total - base * n)   // 0 ..< parts
        // base + 1 fits: base <= cents / parts, and base + 1 is only used when leftover > 0.
        return (0..<parts).map { Money(cents: Int64(base) + ($0 < leftover ? 1 : 0)) }
    }
}
