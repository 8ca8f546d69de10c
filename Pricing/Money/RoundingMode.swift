/// How the rate card rounds an exact amount to a whole cent (SPEC section 1, `R(x)`).
public enum RoundingMode: String, Sendable, CaseIterable {
    /// Half a cent goes up.
    case halfUp = "half-up"
    /// Half a cent goes to the even cent (banker's rounding).
    case halfEven = "half-even"

    /// Rounds the non-negative rational `numerator / denominator` (in cents) to whole cents.
    /// The numerator must not be negative, the denominator must be positive and the
    /// rounded result must fit in `Int64` (preconditions); when any of them depends on
    /// input, use ``checkedDivide(_:by:)``.
    public func divide(_ numerator: Int128, by denominator: Int128) -> Int64 {
        guard let r = checkedDivide(numerator, by: denominator) else {
            preconditionFailure("R(\(numerator) / \(denominator)) is not a non-negative amount that fits in Int64")
        }
        return r
    }

    /// `R(numerator / denominator)`, or nil when the numerator is negative, the
    /// denominator is not positive, or the rounded result does not fit in `Int64` (the
    /// `Int128` to `Int64` conversion is checked, never truncated or saturated).
    public func checkedDivide(_ numerator: Int128, by denominator: Int128) -> Int64? {
        guard denominator > 0 && numerator >= 0 else { return nil }
        let quotient = numerator / denominator
        // remainder vs. denominator - remainder: the half-way test without doubling (no overflow).
        let remainder = numerator % denominator, rest = denominator - remainder
        let roundUp: Bool
        if remainder > rest {
            roundUp = true
        } else if remainder < rest {
            roundUp = false
        } else {
            switch self {
            case .halfUp: roundUp = true
            case .halfEven: roundUp = quotient % 2 == 1
            }
        }
        return Int64(exactly: quotient + (roundUp ? 1 : 0))
    }
}
