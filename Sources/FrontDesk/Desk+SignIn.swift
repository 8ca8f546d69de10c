import Ledger
import Workflows

extension Desk {
    /// Signs `name` in when `password` is theirs (``AccountBook/verify(name:password:)``):
    /// a new session with a new random id (``Secret/token(bytes:)``: never one the browser
    /// held before) and its own CSRF token. The session the request came with, if any, is
    /// ended. Returns the cookie's value and the session, nil for a wrong name or password.
    ///
    /// - Throws: 429 while ``SignInThrottle`` locks the name or the address `peer`.
    func signIn(name: String, password: String, from peer: String,
                replacing oldCookie: String?) async throws -> (cookie: String, session: WebSession)? {
        let keys = ["name:" + name, "address:" + peer], now = clock.now()
        let wait = throttle.begin(keys, at: now)
        let audit = recording(.user(name), from: peer)
        if wait > 0 {
            await audit.record(audit.stamp.event(.signInLocked, detail: "locked for \(wait) more seconds"), in: ledger)
            throw FrontDeskError(.tooManyRequests, field: "username", value: name,
                                 "too many failed sign-ins from this name or address; try again in \((wait + 59) / 60) minutes")
        }
        let verified: Account?
        do { verified = try await book.verify(name: name, password: password) } catch {
            throttle.settle(keys, .abandoned, at: now)
            throw error
        }
        guard let account = verified, !account.disabled else {
            throttle.settle(keys, .failed, at: now)
            await audit.record(audit.stamp.event(.signInFailed, detail: "wrong name or password"), in: ledger)
            return nil
        }
        throttle.settle(keys, .succeeded, at: now)
        // Sessions idle past the timeout are swept at each sign-in (they also end when their cookie returns).
        try await accounts.endSessions(lastSeenBefore: now - settings.idleTimeout)
        if let oldCookie { try await accounts.endSession(idHash: Secret.hash(oldCookie)) }
        let cookie = Secret.token()
        let session = WebSession(idHash: Secret.hash(cookie), user: account.name, csrfToken: Secret.token(), created: now, lastSeen: now)
        try await accounts.addSession(session)
        await audit.record(audit.stamp.event(.signIn), in: ledger)
        return (cookie, session)
    }

    /// Ends the session of the cookie, if any, and records the sign-out of `input`'s caller.
    func signOut(cookie: String?, input: RouteInput) async throws {
        if let cookie { try await accounts.endSession(idHash: Secret.hash(cookie)) }
        try await record(.signOut, nil, input: input)
    }
}
