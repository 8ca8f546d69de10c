import Foundation
import Hummingbird
import Ledger
import Workflows

extension Desk {
    /// How often a session's last use is written, in seconds: idle expiry is that much coarse.
    static let touchInterval: Int64 = 60

    /// Who sent `request`: the account of a bearer token (`Authorization: Bearer TOKEN`),
    /// else of the session cookie's session, if it is not idle past
    /// ``ServerSettings/idleTimeout`` (then it is ended) and its account is not disabled.
    /// A session used is touched (its idle time starts again). Nil when neither applies.
    func caller(of request: Request) async throws -> Caller? {
        // Only a Bearer token is ours: another scheme (a proxy's Basic) falls through to the cookie.
        if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            let token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            guard !token.isEmpty, let account = try await book.account(forToken: token),
                  !account.disabled else { return nil }
            return Caller(account: account, session: nil)
        }
        guard let value = cookie.value(in: request) else { return nil }
        let idHash = Secret.hash(value), now = clock.now()
        guard let session = try await accounts.session(idHash: idHash) else { return nil }
        if now - session.lastSeen > settings.idleTimeout {
            try await accounts.endSession(idHash: idHash)
            return nil
        }
        guard let account = try await accounts.account(named: session.user), !account.disabled else { return nil }
        // A write at most once a minute per session, not at every request (on SQLite a
        // write waits for the store's lock, which a batch save holds).
        if now - session.lastSeen >= Self.touchInterval { try await accounts.touchSession(idHash: idHash, at: now) }
        return Caller(account: account, session: session)
    }
}
