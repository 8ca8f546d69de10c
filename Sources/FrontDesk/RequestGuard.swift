import Hummingbird
import Workflows

/// The checks a state-changing request passes before any handler runs: it comes from
/// this site (its `Origin` against the `Host`, or against the public origin when the server
/// has one; else `Sec-Fetch-Site`), and, when it came with the session
/// cookie, it carries the session's CSRF token (form field `csrf` or header
/// `X-CSRF-Token`; for a streamed upload, the query's `csrf`), compared in constant time. A bearer-token request needs no CSRF token.
enum RequestGuard {
    static let csrfHeader = HTTPFields.Element.Name("X-CSRF-Token")!
    static let fetchSite = HTTPFields.Element.Name("Sec-Fetch-Site")!

    /// Whether `method` changes state (everything but GET, HEAD and OPTIONS).
    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options].contains(method)
    }

    /// Refuses a request whose `Origin` names another site than the one it was sent to
    /// (`Origin: null` too), or that a browser marks `Sec-Fetch-Site: cross-site`. With a
    /// `publicOrigin`, see ``checkPublicOrigin(_:_:)`` instead of the `Host` comparison.
    static func checkSameSite(_ request: Request, publicOrigin: PublicOrigin? = nil) throws(FrontDeskError) {
        if request.headers[fetchSite]?.lowercased() == "cross-site" { throw .crossSite }
        if let publicOrigin { return try checkPublicOrigin(request, publicOrigin) }
        if let origin = request.headers[.origin] {
            guard let authority = request.head.authority, let host = Self.authority(ofOrigin: origin),
                  host.lowercased() == authority.lowercased() else { throw .crossSite }
        }
    }

    /// With a public origin: the request's `Origin`, or when it has none its `Referer`'s
    /// origin, must be `origin` exactly (scheme, host and port). A request with neither is
    /// refused unless it carries `Authorization: Bearer` (a program with an API token: a
    /// browser sends `Origin` with every state-changing request, and cannot add that
    /// header to a cross-site one).
    static func checkPublicOrigin(_ request: Request, _ origin: PublicOrigin) throws(FrontDeskError) {
        let sent: PublicOrigin?
        if let header = request.headers[.origin] {
            sent = PublicOrigin(header)
        } else if let referer = request.headers[.referer] {
            sent = PublicOrigin.of(url: referer)
        } else {
            let bearer = request.headers[.authorization]?.lowercased().hasPrefix("bearer ") ?? false
            if bearer { return }
            throw .noOrigin(origin)
        }
        guard sent == origin else { throw .crossSite }
    }

    /// Refuses a request made with the session cookie that lacks the session's CSRF token.
    static func checkCSRF(_ input: RouteInput) throws(FrontDeskError) {
        guard let session = input.caller?.session else { return }
        // A streamed body (an upload) is not read before the handler: its form's action carries `?csrf=`.
        let fromBody = input.stream != nil ? input.query("csrf") : input.isJSON ? nil : input.form["csrf"]
        let given = input.request.headers[csrfHeader] ?? fromBody
        guard let given, Secret.constantTimeEqual(given, session.csrfToken) else { throw .csrf }
    }

    /// `host[:port]` of an origin `scheme://host[:port]`, nil when it is not one.
    static func authority(ofOrigin origin: String) -> String? {
        guard let range = origin.range(of: "://") else { return nil }
        let rest = origin[range.upperBound...]
        guard !rest.isEmpty, !rest.contains("/") else { return nil }
        return String(rest)
    }
}
