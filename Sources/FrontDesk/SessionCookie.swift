import Foundation
import Hummingbird

/// The session cookie: its name, reading it from a request, and the `Set-Cookie` lines
/// that set and clear it (`HttpOnly; SameSite=Lax; Path=/`, plus `Secure` behind TLS).
///
/// With secure cookies (`--secure-cookies`) the name carries the `__Host-` prefix, so a
/// browser takes it only when it is `Secure`, has `Path=/` and no `Domain`: no other
/// host of the domain, and no plain-HTTP page, can set or shadow it. Only the name that
/// matches the setting is read: a `spaquote_session` cookie sent to a secure server (set
/// by a plain-HTTP page of the same host, say) is ignored.
struct SessionCookie: Sendable {
    /// The name without secure cookies.
    static let plainName = "spaquote_session"
    /// The name with secure cookies.
    static let secureName = "__Host-spaquote_session"

    /// Whether the cookie is sent with `Secure` (and named ``secureName``).
    let secure: Bool

    /// The cookie's name under this setting.
    var name: String { secure ? Self.secureName : Self.plainName }

    /// The cookie's value in `request`, nil when absent (a cookie of the other name is not read).
    func value(in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == name else { continue }
                let value = pair[1].trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { return value }
            }
        }
        return nil
    }

    /// The `Set-Cookie` value giving the browser `value` (no expiry: the server ends idle
    /// sessions; never a `Domain`).
    func set(_ value: String) -> String {
        "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    /// The `Set-Cookie` value removing the cookie.
    func clear() -> String {
        "\(name)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" + (secure ? "; Secure" : "")
    }
}

private extension Substring {
    func trimmingCharacters(in set: CharacterSet) -> String { String(self).trimmingCharacters(in: set) }
}
