import Ledger

/// What a route needs of its caller; every route declares one when it is registered
/// (``RouteTable``), and the table, not the handler, enforces it.
public enum Access: Sendable, Hashable {
    /// Anyone, signed in or not (health check, sign-in, the stylesheet).
    case anyone
    /// Any signed-in account that is not disabled (sign-out).
    case signedIn
    /// A signed-in account with this capability (``Account/may(_:)``).
    case capability(Capability)
}
