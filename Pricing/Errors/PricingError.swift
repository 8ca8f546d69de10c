/// Errors of the Pricing module, each carrying what a clerk needs to act on it.
public enum PricingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rate card file could not be read at all.
    case rateCardUnreadable(file: String, reason: String)
    /// The rate card is not valid TOML.
    case rateCardSyntax(file: String, line: Int, column: Int, message: String)
    /// The rate card is valid TOML but breaks rules of SPEC section 2 (all of them listed).
    case rateCardInvalid(file: String, problems: [RateCardProblem])
    /// A request field is unusable: which field, the value given, and why.
    case invalidRequest(field: String, value: String, reason: String)

    public var description: String {
        switch self {
        case let .rateCardUnreadable(file, reason):
            return "\(file): cannot read the rate card: \(reason)"
        case let .rateCardSyntax(file, line, column, message):
            return "\(file):\(line):\(column): not valid TOML: \(message); fix the syntax at that line and column"
        case let .rateCardInvalid(file, problems):
            let noun = problems.count == 1 ? "problem" : "problems"
            return "\(file): \(problems.count) \(noun) in the rate card:\n"
                + problems.map { "  \(file): \($0)" }.joined(separator: "\n")
        case let .invalidRequest(field, value, reason):
            return "\(field) '\(value)': \(reason)"
        }
    }
}
