/// How the rate card rounds an exact amount to a whole cent (SPEC section 1, `R(x)`).
public enum RoundingMode: String, Sendable, CaseIterable {
    /// Half a cent goes up.
    case halfUp = "half-up"
    /// Half a cent goes to the even cent (banker's rounding).
    case halfEven = "half-even"

    /// Rounds the non-negative rational `numerator / denominator` (in cents) to whole cents.
    public func divide(_ numerator: Int128, by denominator: Int128) -> Int64 {
        precondition(denominator > 0 && numerator >= 0, "R(x) takes a non-negative amount")
        let quotient = numerator / denominator
        let twiceRemainder = (numerator % denominator) * 2
        let roundUp: Bool
        if twiceRemainder > denominator {
            roundUp = true
        } else if twiceRemainder < denominator {
            roundUp = false
        } else {
            switch self {
            case .halfUp: roundUp = true
            case .halfEven: roundUp = quotient % 2 == 1
            }
        }
        return Int64(quotient + (roundUp ? 1 : 0))
    }
}
