import Ledger

/// Why ``AccountBook`` refused an account's field. Each names the field (``field``), the
/// value where showing it is safe (``value``; never a password) and the rule (``reason``):
/// what the command line prints and the web shows beside the field.
public enum AccountError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The account name breaks ``Account/problem(withName:)``.
    case name(value: String, reason: String)
    /// The password breaks ``AccountBook/passwordProblem(_:)`` (the password itself is never kept here).
    case password(reason: String)
    /// A location id cannot be stored (empty, or holding `,`).
    case locations(value: String, reason: String)
    /// The account is disabled: it is given no new API token.
    case disabled(name: String)

    /// The field refused: `name`, `password`, `locations`, or `name` for a disabled account.
    public var field: String {
        switch self {
        case .name, .disabled: "name"
        case .password: "password"
        case .locations: "locations"
        }
    }

    /// The value refused, nil for a password (never shown).
    public var value: String? {
        switch self {
        case let .name(value, _), let .locations(value, _): value
        case let .disabled(name): name
        case .password: nil
        }
    }

    /// The rule the value breaks.
    public var reason: String {
        switch self {
        case let .name(_, reason), let .password(reason), let .locations(_, reason): reason
        case .disabled: "the account is disabled"
        }
    }

    public var description: String {
        switch self {
        case let .name(value, reason): "account name '\(value)': \(reason)"
        case let .password(reason): "password: \(reason)"
        case let .locations(value, reason): "locations '\(value)': \(reason)"
        case let .disabled(name): "account '\(name)': the account is disabled, so it is given no API token"
        }
    }
}
