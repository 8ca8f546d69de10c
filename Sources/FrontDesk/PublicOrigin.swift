import Foundation

/// The origin people reach the server at (`serve --public-origin https://desk.example.com`):
/// a scheme (`http` or `https`), a host and an optional port, nothing else. Behind a TLS
/// proxy the `Host` header alone cannot tell `https://desk` from `http://desk`; with a
/// public origin a state-changing request must come from exactly this origin
/// (``RequestGuard/checkSameSite(_:publicOrigin:)``).
public struct PublicOrigin: Sendable, Equatable, CustomStringConvertible {
    /// `http` or `https`, lowercase.
    public let scheme: String
    /// The host, lowercase (an IPv6 address in brackets).
    public let host: String
    /// The port, nil for the scheme's default (80, 443).
    public let port: Int?

    /// Parses `text`: `scheme://host[:port]`, optionally with one trailing `/`; nil for
    /// another scheme, a missing host, a user, a path, a query or a fragment.
    public init?(_ text: String) {
        guard text.contains("://"), let c = URLComponents(string: text), let scheme = c.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = c.host, !host.isEmpty, c.user == nil, c.password == nil, c.query == nil, c.fragment == nil,
              c.percentEncodedPath.isEmpty || c.percentEncodedPath == "/" else { return nil }
        let defaultPort = scheme == "https" ? 443 : 80
        if let port = c.port, !(1...65535).contains(port) { return nil }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = c.port == defaultPort ? nil : c.port
    }

    /// The origin of `url` (a Referer), nil when it has none: its scheme, host and port.
    static func of(url text: String) -> PublicOrigin? {
        guard var c = URLComponents(string: text) else { return nil }
        c.percentEncodedPath = ""; c.query = nil; c.fragment = nil; c.user = nil; c.password = nil
        return c.string.flatMap(PublicOrigin.init)
    }

    /// `scheme://host[:port]`, as a browser's `Origin` header writes it.
    public var description: String {
        let h = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(scheme)://\(h)" + (port.map { ":\($0)" } ?? "")
    }
}
