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
        if let authorization = request.headers[.authorization], Self.isBearer(authorization) {
            let token = Self.trimmingSpaces(authorization.utf8.dropFirst(7))
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

    /// `bytes` without the spaces and tabs around them, as text.
    static func trimmingSpaces(_ bytes: Substring.UTF8View) -> String {
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = bytes.firstIndex(where: { !blank($0) }), let last = bytes.lastIndex(where: { !blank($0) }) else { return "" }
        return String(Substring(bytes[first...last]))
    }

    /// Whether `authorization` starts with the scheme `Bearer` and a space (the scheme in any case).
    static func isBearer(_ authorization: String) -> Bool {
        let bytes = Array(authorization.utf8.prefix(7))
        return bytes.count == 7 && bytes[6] == 0x20 && zip(bytes, "bearer".utf8).allSatisfy { $0 | 0x20 == $1 }
    }
}
