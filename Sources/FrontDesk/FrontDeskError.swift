import Hummingbird

/// A refusal a handler or the route table answers with, as an HTTP status and the JSON
/// error object `{"error": {"field", "value", "reason"}}` (pages show the reason).
struct FrontDeskError: Error, Sendable {
    var status: HTTPResponse.Status
    var field: String?
    var value: String?
    var reason: String
    /// Seconds after which trying again can succeed, sent as `Retry-After` (429 and 503:
    /// RFC 9110 section 10.2.3), so a program waits as the reason tells a person to.
    var retryAfter: Int64?

    init(_ status: HTTPResponse.Status, field: String? = nil, value: String? = nil, _ reason: String, retryAfter: Int64? = nil) {
        self.status = status; self.field = field; self.value = value; self.reason = reason; self.retryAfter = retryAfter
    }

    /// The headers the refusal adds to its response: `Retry-After` when it has one.
    var headers: HTTPFields {
        guard let retryAfter else { return [:] }
        return [.retryAfter: String(max(retryAfter, 1))]
    }

    static let signedOut = FrontDeskError(.unauthorized, "sign in first: send the session cookie or an API token (Authorization: Bearer TOKEN)")
    static let forbidden = FrontDeskError(.forbidden, "your account's role does not allow this")
    static let crossSite = FrontDeskError(.forbidden, "a request from another site is refused (its Origin is not this server)")
    /// A state-changing request with neither `Origin` nor `Referer` to a server with a public origin.
    static func noOrigin(_ origin: PublicOrigin) -> FrontDeskError {
        FrontDeskError(.forbidden, field: "Origin", value: "",
                       "the request names no Origin; this server takes changes only from \(origin) (programs: send Origin: \(origin), or use an API token)")
    }
    static let csrf = FrontDeskError(.forbidden, "the form's CSRF token is missing or wrong; reload the page and try again")
    static let busy = FrontDeskError(.serviceUnavailable, "the server is checking too many passwords at once; try again in a few seconds",
                                     retryAfter: 3)

    /// No route has the path (or the API path does not take the method: ``methodNotAllowed(_:allowed:)``).
    static func unknownPath(_ path: String) -> FrontDeskError {
        FrontDeskError(.notFound, field: "path", value: path, "there is no such page or API route; see /api/v1/openapi.json for the API")
    }

    /// The API path exists but not with `method`; `allowed` lists the methods it takes.
    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> FrontDeskError {
        FrontDeskError(.methodNotAllowed, field: "method", value: method.rawValue,
                       "this API route takes \(allowed.map(\.rawValue).joined(separator: ", ")) only")
    }

    static let tooLarge = FrontDeskError(.contentTooLarge, "the request body is larger than 1 MiB")
}
