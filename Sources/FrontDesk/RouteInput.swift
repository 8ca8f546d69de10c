import Hummingbird

/// What a handler gets: the request, its collected body, the caller as the route table
/// resolved it (never nil on a route that needs a signed-in account) and the path's parameters.
struct RouteInput: Sendable {
    var request: Request
    var context: FrontDeskContext
    /// The request body, collected (at most ``RouteTable/maxBody`` bytes).
    var body: ByteBuffer
    var caller: Caller?
    /// The unread body of a route registered ``RouteTable/BodyMode/streamed(maxBytes:)``; nil otherwise.
    var stream: BodyStream?

    /// The caller of a route that needs one (``Access/signedIn`` or a capability).
    var signedIn: Caller {
        get throws(FrontDeskError) {
            guard let caller else { throw FrontDeskError.signedOut }
            return caller
        }
    }

    /// The path parameter `name` (`/quotes/:id`).
    func parameter(_ name: String) -> String {
        context.parameters.get(name) ?? ""
    }

    /// The query's value for `name`, nil when absent or empty; decoded as a form's (`+` is
    /// a space, as a browser sends a GET form's "Zoe Listed").
    func query(_ name: String) -> String? {
        guard let value = FormFields(request.uri.query ?? "")[name], !value.isEmpty else { return nil }
        return value
    }

    /// The body as form fields (`application/x-www-form-urlencoded`).
    var form: FormFields { FormFields(String(buffer: body)) }

    /// Whether the body is JSON (by its Content-Type).
    var isJSON: Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("application/json") ?? false
    }
}

/// Hummingbird's request body stream (this module's ``RequestBody`` is the quote request's fields).
typealias BodyStream = Hummingbird.RequestBody
