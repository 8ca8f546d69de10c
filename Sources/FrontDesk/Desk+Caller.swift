import Foundation
import Hummingbird
import Ledger
import Workflows

extension Desk {
    /// Who sent `request`: the account of a bearer token (`Authorization: Bearer TOKEN`),
    /// else of the session cookie's session, if it is not idle past
    /// ``ServerSettings/idleTimeout`` (then it is ended) and its account is not disabled.
    /// A session used is touched (its idle time starts again). Nil when neither applies.
    func caller(of request: Request) async throws -> Caller? {
        if let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer ") else { return nil }
            let token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            guard !token.isEmpty, let account = try await book.account(forToken: token),
                  !account.disabled else { return nil }
            return Caller(account: account, session: nil)
        }
        guard let cookie = SessionCookie.value(in: request) else { return nil }
        let idHash = Secret.hash(cookie), now = clock.now()
        guard let session = try await accounts.session(idHash: idHash) else { return nil }
        if now - session.lastSeen > settings.idleTimeout {
            try await accounts.endSession(idHash: idHash)
            return nil
        }
        guard let account = try await accounts.account(named: session.user), !account.disabled else { return nil }
        try await accounts.touchSession(idHash: idHash, at: now)
        return Caller(account: account, session: session)
    }
}
