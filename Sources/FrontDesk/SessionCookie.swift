import Foundation
import Hummingbird

/// The session cookie: its name, reading it from a request, and the `Set-Cookie` lines
/// that set and clear it (`HttpOnly; SameSite=Lax; Path=/`, plus `Secure` behind TLS).
enum SessionCookie {
    static let name = "spaquote_session"

    /// The cookie's value in `request`, nil when absent.
    static func value(in request: Request) -> String? {
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

    /// The `Set-Cookie` value giving the browser `value` (no expiry: the server ends idle sessions).
    static func set(_ value: String, secure: Bool) -> String {
        "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }

    /// The `Set-Cookie` value removing the cookie.
    static func clear(secure: Bool) -> String {
        "\(name)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" + (secure ? "; Secure" : "")
    }
}

private extension Substring {
    func trimmingCharacters(in set: CharacterSet) -> String { String(self).trimmingCharacters(in: set) }
}
