import Ledger
import Workflows

extension Desk {
    /// Signs `name` in when `password` is theirs (``AccountBook/verify(name:password:)``):
    /// a new session with a new random id (``Secret/token(bytes:)``: never one the browser
    /// held before) and its own CSRF token. The session the request came with, if any, is
    /// ended. Returns the cookie's value and the session, nil for a wrong name or password.
    ///
    /// Repeated failures slow down, then lock, the name and the address (``SignInThrottle``):
    /// a slowed attempt waits on the clock, holding no bcrypt turn, before its check.
    ///
    /// - Throws: 429 while ``SignInThrottle`` locks the name or the address `peer`, or
    ///   while attempts under way could lock it.
    func signIn(name: String, password: String, from peer: String,
                replacing oldCookie: String?) async throws -> (cookie: String, session: WebSession)? {
        let audit = recording(.user(name), from: peer)
        switch throttle.begin(name: name, address: peer, at: clock.now()) {
        case .admitted:
            break
        case .delayed(let seconds):
            do { try await clock.sleep(seconds) } catch {
                throttle.settle(name: name, address: peer, .abandoned, at: clock.now())
                throw error
            }
        case .locked(let until):
            // Refused unchecked: the name or the address is locked until `until`.
            let wait = max(until - clock.now(), 1), minutes = (wait + 59) / 60
            await audit.record(audit.stamp.event(.signInLocked, detail: "locked for \(wait) more seconds"), in: ledger)
            throw FrontDeskError(.tooManyRequests, field: "username", value: name,
                                 "too many failed sign-ins from this name or address; try again in \(minutes) minutes", retryAfter: wait)
        case .busy:
            throw FrontDeskError(.tooManyRequests, field: "username", value: name,
                                 "other sign-ins from this name or address are being checked; try again in a moment", retryAfter: 1)
        }
        let now = clock.now()
        let verified: Account?
        do { verified = try await book.verify(name: name, password: password) } catch {
            throttle.settle(name: name, address: peer, .abandoned, at: now)
            throw error
        }
        guard let account = verified, !account.disabled else {
            await audit.record(audit.stamp.event(.signInFailed, detail: "wrong name or password"), in: ledger)
            if let lock = throttle.settle(name: name, address: peer, .failed, at: now) {
                // This failure locked the name, the address or both until `lock.until`.
                await audit.record(audit.stamp.event(.signInLocked, detail: "this failure locks \(lock.keys.joined(separator: " and ")) until \(lock.until) (Unix seconds)"), in: ledger)
            }
            return nil
        }
        throttle.settle(name: name, address: peer, .succeeded, at: now)
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
