import Hummingbird
import Ledger

/// The only way a route is registered: with the ``Access`` it needs. The table resolves
/// the caller, refuses a signed-out caller (401 for the API, the sign-in page for pages)
/// or one without the capability (403), checks the origin and CSRF token of a
/// state-changing request (``RequestGuard``), then calls the handler and turns its
/// errors into responses (``Desk/response(for:api:)``). No handler checks roles itself.
struct RouteTable {
    /// The largest request body read, in bytes.
    static let maxBody = 1 << 20

    let router: Router<FrontDeskContext>
    let desk: Desk

    typealias Handler = @Sendable (RouteInput) async throws -> Response

    /// How a route takes its request body.
    enum BodyMode: Sendable {
        /// Collected before the handler runs, at most ``RouteTable/maxBody`` bytes.
        case collected
        /// Left unread for the handler (``RouteInput/stream``), which reads at most `maxBytes`
        /// (a larger `Content-Length` is refused first, 413). The CSRF token of a cookie
        /// request then comes from the `X-CSRF-Token` header or the query's `csrf`.
        case streamed(maxBytes: Int)
    }

    /// Registers `handler` for `method` on `path`, needing `access`, taking the body as `body` says.
    func add(_ method: HTTPRequest.Method, _ path: RouterPath, needs access: Access, body mode: BodyMode = .collected,
             _ handler: @escaping Handler) {
        let desk = desk
        router.on(path, method: method) { request, context -> Response in
            let api = request.uri.path.hasPrefix("/api/")
            do {
                return try await Self.run(request, context, access: access, mode: mode, desk: desk, handler)
            } catch {
                return desk.response(for: error, api: api)
            }
        }
    }

    private static func run(_ request: Request, _ context: FrontDeskContext, access: Access, mode: BodyMode, desk: Desk,
                            _ handler: Handler) async throws -> Response {
        var request = request
        var body = ByteBuffer(), stream: BodyStream?
        switch mode {
        case .collected:
            do { body = try await request.collectBody(upTo: maxBody) } catch { throw FrontDeskError.tooLarge }
        case let .streamed(maxBytes):
            if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
                throw FrontDeskError.uploadTooLarge(maxBytes)
            }
            stream = request.body
        }
        let changes = RequestGuard.changesState(request.method)
        if changes { try RequestGuard.checkSameSite(request) }
        var input = RouteInput(request: request, context: context, body: body, caller: nil)
        input.stream = stream
        guard access != .anyone else { return try await handler(input) }
        guard let caller = try await desk.caller(of: request) else { throw FrontDeskError.signedOut }
        input.caller = caller
        if case let .capability(needed) = access, !caller.account.may(needed) { throw FrontDeskError.forbidden }
        if changes { try RequestGuard.checkCSRF(input) }
        return try await handler(input)
    }
}
