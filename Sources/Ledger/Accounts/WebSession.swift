/// A signed-in session of the web front desk, as the ledger stores it (so that several
/// servers share sessions and a restart signs no one out).
///
/// Times are Unix seconds (UTC) given by the caller: the ledger reads no clock.
public struct WebSession: Sendable, Equatable {
    /// The SHA-256 (lowercase hex) of the session cookie's value; the value itself is
    /// never stored, so a copy of the ledger opens no session.
    public var idHash: String
    /// The account's name.
    public var user: String
    /// The session's CSRF token, which every form and state-changing request carries.
    public var csrfToken: String
    /// When the session began (sign-in), in Unix seconds.
    public var created: Int64
    /// When the session was last used, in Unix seconds (idle sessions expire).
    public var lastSeen: Int64

    public init(idHash: String, user: String, csrfToken: String, created: Int64, lastSeen: Int64) {
        self.idHash = idHash; self.user = user; self.csrfToken = csrfToken
        self.created = created; self.lastSeen = lastSeen
    }
}
