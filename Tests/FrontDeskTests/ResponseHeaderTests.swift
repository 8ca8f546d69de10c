import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import Testing

@Suite("Front desk: security headers, caching and unknown paths")
struct ResponseHeaderTests {
    static let csp = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

    /// A request of the tests: method, path, signed in (with a saved quote Q-2026-000001) or not, JSON body.
    struct Route: Sendable, CustomStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var signedIn = true
        var body: String?
        var description: String { "\(method) \(path)\(signedIn ? "" : " (signed out)")" }
    }

    static let routes: [Route] = [
        Route(method: .get, path: "/healthz", signedIn: false),
        Route(method: .get, path: "/signin", signedIn: false),
        Route(method: .get, path: "/quotes", signedIn: false),
        Route(method: .get, path: "/api/v1/openapi.json", signedIn: false),
        Route(method: .get, path: "/api/v1/quotes", signedIn: false),
        Route(method: .get, path: "/nowhere", signedIn: false),
        Route(method: .get, path: "/api/v1/nowhere", signedIn: false),
        Route(method: .get, path: "/static/nowhere.js", signedIn: false),
        Route(method: .get, path: "/quotes"),
        Route(method: .get, path: "/quotes/new"),
        Route(method: .get, path: "/quotes/Q-2026-000001"),
        Route(method: .get, path: "/quotes/Q-2026-000001/quote.xlsx"),
        Route(method: .get, path: "/quotes/Q-2026-000099"),
        Route(method: .get, path: "/api/v1/quotes"),
        Route(method: .get, path: "/api/v1/quotes/Q-2026-000001"),
        Route(method: .post, path: "/api/v1/price", body: #"{"location":"downtown","tier":"senior","areas":["face"],"sessions":3}"#),
        Route(method: .post, path: "/api/v1/price", body: #"{"sessions":3.5}"#),
        Route(method: .put, path: "/api/v1/quotes"),
    ]

    /// Runs `body` with a client, a signed-in admin's browser and one saved quote.
    static func withDesk(_ body: @Sendable @escaping (any TestClientProtocol, Browser) async throws -> Void) async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .admin)
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "boss")
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: browser.headers(), body: Body.request()) {
                #expect($0.status == .created)
            }
            try await body(client, browser)
        }
    }

    @Test("Every response carries the CSP, X-Frame-Options, nosniff and Referrer-Policy, and no-store", arguments: routes)
    func headers(route: Route) async throws {
        try await Self.withDesk { client, browser in
            let headers = route.signedIn ? browser.headers() : [:]
            try await client.execute(uri: route.path, method: route.method, headers: headers,
                                     body: route.body.map { ByteBuffer(string: $0) }) { response in
                #expect(response.headers[.contentSecurityPolicy] == Self.csp)
                #expect(response.headers[HTTPFields.Element.Name("X-Frame-Options")!] == "DENY")
                #expect(response.headers[HTTPFields.Element.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPFields.Element.Name("Referrer-Policy")!] == "same-origin")
                #expect(response.headers[values: .cacheControl] == ["no-store"], "\(response.status)")
            }
        }
    }

    @Test("The stylesheet and the script may be cached, and carry the same security headers",
          arguments: ["/static/frontdesk.css", "/static/frontdesk.js"])
    func staticFiles(path: String) async throws {
        try await Self.withDesk { client, _ in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "max-age=300")
                #expect(response.headers[.contentSecurityPolicy] == Self.csp)
                #expect(response.headers[HTTPFields.Element.Name("X-Content-Type-Options")!] == "nosniff")
            }
        }
    }

    @Test("No page has an inline script, inline style or event handler attribute (the CSP would block it)",
          arguments: ["/quotes", "/quotes/new", "/quotes/Q-2026-000001", "/signin", "/nowhere"])
    func noInlineCode(path: String) async throws {
        try await Self.withDesk { client, browser in
            try await client.execute(uri: path, method: .get, headers: browser.headers()) { response in
                let html = response.body.text
                #expect(html.contains("<html"))
                for pattern in [#"<script(?![^>]*\bsrc=)"#, #"<style"#, #"\sstyle="#, #"\son[a-z]+="#, #"javascript:"#] {
                    #expect(html.range(of: pattern, options: .regularExpression) == nil, "\(pattern) in \(path)")
                }
            }
        }
    }

    @Test("An unknown path under /api/ answers a JSON 404 in the API's shape, signed in or not",
          arguments: ["/api/v1/nowhere", "/api/v2/quotes", "/api/", "/api/v1/quotes/Q-2026-000001/nowhere"], [false, true])
    func apiNotFound(path: String, signedIn: Bool) async throws {
        try await Self.withDesk { client, browser in
            try await client.execute(uri: path, method: .get, headers: signedIn ? browser.headers() : [:]) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let object = try JSONSerialization.jsonObject(with: Data(response.body.text.utf8)) as? [String: Any]
                let error = try #require(object?["error"] as? [String: Any])
                #expect(error["field"] as? String == "path" && error["value"] as? String == path)
                #expect((error["reason"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test("Another unknown path answers the HTML 404 page", arguments: ["/nowhere", "/quotes/new/nowhere", "/static/other.js", "/apix"])
    func pageNotFound(path: String) async throws {
        try await Self.withDesk { client, browser in
            try await client.execute(uri: path, method: .get, headers: browser.headers()) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.body.text.contains("there is no such page"))
            }
        }
    }

    @Test("A method an API path does not take answers a JSON 405 with Allow", arguments: [
        (HTTPRequest.Method.put, "/api/v1/quotes", "GET, POST"), (.delete, "/api/v1/quotes/Q-2026-000001", "GET"),
        (.get, "/api/v1/price", "POST"), (.get, "/api/v1/quotes/Q-2026-000001/accept", "POST"),
        (.patch, "/api/v1/session", "DELETE, POST"), (.post, "/api/v1/openapi.json", "GET"),
    ])
    func methodNotAllowed(_ case_: (HTTPRequest.Method, String, String)) async throws {
        try await Self.withDesk { client, browser in
            try await client.execute(uri: case_.1, method: case_.0, headers: browser.headers()) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == case_.2)
                let object = try JSONSerialization.jsonObject(with: Data(response.body.text.utf8)) as? [String: Any]
                let error = try #require(object?["error"] as? [String: Any])
                #expect(error["field"] as? String == "method" && error["value"] as? String == case_.0.rawValue)
            }
            // Nothing changed: the one quote is still quoted.
            try await client.execute(uri: "/api/v1/quotes/Q-2026-000001", method: .get, headers: browser.headers()) {
                #expect($0.body.text.contains("\"status\": \"quoted\""))
            }
        }
    }
}
