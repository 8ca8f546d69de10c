import Hummingbird

/// A refusal a handler or the route table answers with, as an HTTP status and the JSON
/// error object `{"error": {"field", "value", "reason"}}` (pages show the reason).
struct FrontDeskError: Error, Sendable {
    var status: HTTPResponse.Status
    var field: String?
    var value: String?
    var reason: String

    init(_ status: HTTPResponse.Status, field: String? = nil, value: String? = nil, _ reason: String) {
        self.status = status; self.field = field; self.value = value; self.reason = reason
    }

    static let signedOut = FrontDeskError(.unauthorized, "sign in first: send the session cookie or an API token (Authorization: Bearer TOKEN)")
    static let forbidden = FrontDeskError(.forbidden, "your account's role does not allow this")
    static let crossSite = FrontDeskError(.forbidden, "a request from another site is refused (its Origin is not this server)")
    static let csrf = FrontDeskError(.forbidden, "the form's CSRF token is missing or wrong; reload the page and try again")
    static let tooLarge = FrontDeskError(.contentTooLarge, "the request body is larger than 1 MiB")
}
