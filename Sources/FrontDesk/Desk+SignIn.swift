import Ledger
import Workflows

extension Desk {
    /// Signs `name` in when `password` is theirs (``AccountBook/verify(name:password:)``):
    /// a new session with a new random id (``Secret/token(bytes:)``: never one the browser
    /// held before) and its own CSRF token. The session the request came with, if any, is
    /// ended. Returns the cookie's value and the session, nil for a wrong name or password.
    func signIn(name: String, password: String, replacing oldCookie: String?) async throws -> (cookie: String, session: WebSession)? {
        guard let account = try await book.verify(name: name, password: password), !account.disabled else { return nil }
        if let oldCookie { try await accounts.endSession(idHash: Secret.hash(oldCookie)) }
        let cookie = Secret.token(), now = clock.now()
        let session = WebSession(idHash: Secret.hash(cookie), user: account.name, csrfToken: Secret.token(), created: now, lastSeen: now)
        try await accounts.addSession(session)
        return (cookie, session)
    }

    /// Ends the session of the cookie, if any.
    func signOut(cookie: String?) async throws {
        if let cookie { try await accounts.endSession(idHash: Secret.hash(cookie)) }
    }
}
