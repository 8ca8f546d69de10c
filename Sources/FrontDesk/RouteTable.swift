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

    /// Registers `handler` for `method` on `path`, needing `access`.
    func add(_ method: HTTPRequest.Method, _ path: RouterPath, needs access: Access, _ handler: @escaping Handler) {
        let desk = desk
        router.on(path, method: method) { request, context -> Response in
            let api = request.uri.path.hasPrefix("/api/")
            do {
                return try await Self.run(request, context, access: access, desk: desk, handler)
            } catch {
                return desk.response(for: error, api: api)
            }
        }
    }

    private static func run(_ request: Request, _ context: FrontDeskContext, access: Access, desk: Desk,
                            _ handler: Handler) async throws -> Response {
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: maxBody) } catch { throw FrontDeskError.tooLarge }
        let changes = RequestGuard.changesState(request.method)
        if changes { try RequestGuard.checkSameSite(request) }
        var input = RouteInput(request: request, context: context, body: body, caller: nil)
        guard access != .anyone else { return try await handler(input) }
        guard let caller = try await desk.caller(of: request) else { throw FrontDeskError.signedOut }
        input.caller = caller
        if case let .capability(needed) = access, !caller.account.may(needed) { throw FrontDeskError.forbidden }
        if changes { try RequestGuard.checkCSRF(input) }
        return try await handler(input)
    }
}
