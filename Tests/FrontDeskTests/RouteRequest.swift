import Foundation
@testable import FrontDesk
import Hummingbird
import HummingbirdTesting
import Testing

/// A request to one of the enumerated routes, as a browser on this site sends it: the
/// session cookie, `Origin`, the CSRF token (header, form field, and the query for an
/// upload) and a body the route takes. The body is one the route accepts when the tests
/// know the route (``knownBodies``); any other route gets an empty form or JSON object.
struct RouteRequest {
    var uri: String
    var method: HTTPRequest.Method
    var headers: HTTPFields
    var body: ByteBuffer

    /// What CSRF token the request carries.
    enum Token { case right, missing, other(String) }

    /// The request to `path` (filled from `route`) from `browser` (nil: no cookie), with
    /// `token` and `origin` (nil: no `Origin`).
    init(_ route: RegisteredRoute, path: String, browser: Browser?, token: Token = .right,
         origin: String? = "http://localhost") {
        method = route.method
        let csrf: String? = switch token {
        case .right: browser?.csrf
        case .missing: nil
        case let .other(value): value
        }
        headers = [:]
        if let browser { headers[.cookie] = browser.cookie }
        if let origin { headers[.origin] = origin }
        if let csrf { headers[RequestGuard.csrfHeader] = csrf }
        uri = path
        body = ByteBuffer()
        guard RequestGuard.changesState(route.method) else { return }
        switch Self.knownBodies[route.description] ?? (route.isAPI ? .json("{}") : .form("")) {
        case let .json(text):
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: text)
        case let .form(fields):
            headers[.contentType] = "application/x-www-form-urlencoded"
            let withToken = csrf.map { "csrf=\($0)" + (fields.isEmpty ? "" : "&") + fields } ?? fields
            body = ByteBuffer(string: withToken)
        case .upload:
            headers[.contentType] = "multipart/form-data; boundary=\(MultipartParserTests.boundary)"
            if let csrf { uri += "?csrf=\(csrf)" }
            let file = (try? WebFixture.example("requests.csv")) ?? []
            body = ByteBuffer(bytes: MultipartParserTests.body(fields: [("save", "on")], file: file))
        }
    }

    enum Kind { case json(String), form(String), upload }

    /// The form fields of a quote request for downtown.
    static let quoteForm = "client=Body+Bea&location=downtown&tier=senior&areas=face&sessions=2"

    /// Bodies the tests know the routes take (the state changes a browser makes). A route
    /// not here gets an empty body: the tests then ask only that it never fails with 5xx.
    static let knownBodies: [String: Kind] = [
        "POST /api/v1/price": .json(String(buffer: Body.request(client: RouteWorld.bodyClient))),
        "POST /api/v1/quotes": .json(String(buffer: Body.request(client: RouteWorld.bodyClient))),
        "POST /api/v1/quotes/{id}/accept": .json(#"{"on":"2026-11-02"}"#),
        "POST /api/v1/quotes/{id}/decline": .json("{}"),
        "POST /api/v1/session": .json(#"{"username":"boss","password":"correct horse 1"}"#),
        "DELETE /api/v1/session": .json("{}"),
        "POST /signin": .form("username=boss&password=correct+horse+1"),
        "POST /signout": .form(""),
        "POST /quotes/new": .form(quoteForm + "&action=save"),
        "POST /quotes/new/figures": .form(quoteForm),
        "POST /quotes/{id}/accept": .form("on=2026-11-02"),
        "POST /quotes/{id}/decline": .form(""),
        "POST /quotes/{id}/link": .form(""),
        "POST /quotes/{id}/link/revoke": .form(""),
        "POST /c/{token}/accept": .form("name=Body+Bea"),
        "POST /batches": .upload,
    ]

    /// Sends the request; `check` gets the response.
    @discardableResult
    func send<T>(_ client: any TestClientProtocol, _ check: @escaping (TestResponse) async throws -> T = { $0 }) async throws -> T {
        try await client.execute(uri: uri, method: method, headers: headers, body: body, testCallback: check)
    }
}
