/// What a front-desk account may do (SPEC section 9). The rule that applies it is
/// ``Account/may(_:)``, the one place every page, API route and command asks.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Quotes, saves, accepts and declines at their locations; sees their locations' quotes.
    case clerk
    /// A clerk's rights at their locations, plus batches and reports.
    case manager
    /// Manages accounts and sees every location's quotes.
    case admin
}
