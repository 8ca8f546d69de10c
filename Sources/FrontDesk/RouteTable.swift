import Hummingbird
import Ledger
import Synchronization

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
    /// The methods each API path was registered with, for ``addMethodNotAllowed()``.
    let apiMethods = APIMethods()
    /// Every route registered, with its rule: the router must answer these and no other
    /// (``unregistered()``, checked by ``build(_:)``).
    let inventory = RouteInventory()

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
        if path.description.hasPrefix("/api/") { apiMethods.record(path, method) }
        inventory.record(method, path, .access(access))
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
        if changes { try RequestGuard.checkSameSite(request, publicOrigin: desk.settings.publicOrigin) }
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

extension RouteTable {
    /// Answers a method an API path does not take with 405 and `Allow` (JSON, as every API
    /// refusal), rather than the 404 of an unknown path. Called after every route is added.
    func addMethodNotAllowed() {
        let desk = desk
        for (path, taken) in apiMethods.all {
            let allowed = taken.sorted { $0.rawValue < $1.rawValue }
            let allow = allowed.map(\.rawValue).joined(separator: ", ")
            for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] where !taken.contains(method) {
                inventory.record(method, path, .methodNotAllowed)
                router.on(path, method: method) { request, _ -> Response in
                    var response = desk.response(for: FrontDeskError.methodNotAllowed(request.method, allowed: allowed), api: true)
                    response.headers[.allow] = allow
                    return response
                }
            }
        }
    }
}

/// The API paths registered so far and their methods, in order of registration.
final class APIMethods: Sendable {
    private let paths = Mutex<[(path: RouterPath, methods: [HTTPRequest.Method])]>([])

    func record(_ path: RouterPath, _ method: HTTPRequest.Method) {
        paths.withLock { paths in
            if let i = paths.firstIndex(where: { $0.path.description == path.description }) {
                paths[i].methods.append(method)
            } else {
                paths.append((path, [method]))
            }
        }
    }

    var all: [(path: RouterPath, methods: [HTTPRequest.Method])] { paths.withLock { $0 } }
}
