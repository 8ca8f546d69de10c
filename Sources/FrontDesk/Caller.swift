import Ledger

/// Who made a request, once the table has resolved it: the account, and the web session
/// when it came with the session cookie (nil for an API token).
public struct Caller: Sendable {
    public var account: Account
    /// The session behind the cookie; nil when the request carried a bearer token.
    public var session: WebSession?

    /// Whether the request came with the session cookie (it then needs the CSRF token to change anything).
    public var bySession: Bool { session != nil }
}
