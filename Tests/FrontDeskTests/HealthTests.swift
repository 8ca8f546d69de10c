import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Front desk: signed-out requests")
struct SignedOutTests {
    @Test("GET /healthz answers 200 without signing in")
    func health() async throws {
        try await WebFixture().test { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.body.text == "ok\n")
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")   // as the OpenAPI document says (schemathesis)
            }
        }
    }

    static let apiRoutes: [(HTTPRequest.Method, String)] = [
        (.post, "/api/v1/price"), (.post, "/api/v1/quotes"), (.get, "/api/v1/quotes"),
        (.get, "/api/v1/quotes/Q-2026-000001"), (.post, "/api/v1/quotes/Q-2026-000001/accept"),
        (.post, "/api/v1/quotes/Q-2026-000001/decline"), (.delete, "/api/v1/session"),
    ]

    @Test("Every API route answers 401 with a JSON error when signed out", arguments: apiRoutes)
    func apiSignedOut(_ route: (HTTPRequest.Method, String)) async throws {
        try await WebFixture().test { client in
            try await client.execute(uri: route.1, method: route.0, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.body.text.contains("\"reason\":"))
            }
        }
    }

    @Test("A bearer token that is no account's is refused with 401",
          arguments: ["Bearer nope", "Bearer ", "Basic dXNlcjpwdw==", "bearer x y"])
    func badToken(_ header: String) async throws {
        try await WebFixture().test { client in
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.authorization: header]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("The Bearer scheme is read in any case, and spaces and tabs around the token are ignored",
          arguments: ["Bearer ", "bearer ", "BEARER ", "Bearer   ", "Bearer \t"])
    func bearerSpelling(_ scheme: String) async throws {
        let desk = try await WebFixture()
        try await desk.account("robot", at: ["downtown"])
        let token = try await desk.token("robot")
        try await desk.test { client in
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.authorization: scheme + token + " \t"]) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.authorization: scheme + token + "x"]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("A session cookie that is no session's is treated as signed out",
          arguments: ["spaquote_session=abc", "spaquote_session=", "other=1"])
    func badCookie(_ cookie: String) async throws {
        try await WebFixture().test { client in
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("Signed-out pages go to the sign-in page", arguments: ["/quotes", "/quotes/new", "/quotes/Q-2026-000001",
                                                                 "/quotes/Q-2026-000001/quote.xlsx"])
    func pagesSignedOut(_ path: String) async throws {
        try await WebFixture().test { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/signin")
            }
        }
    }

    @Test("The sign-in page and the OpenAPI document need no account")
    func publicPages() async throws {
        try await WebFixture().test { client in
            try await client.execute(uri: "/signin", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("<label for=\"username\">"))
            }
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                let document = try JSONSerialization.jsonObject(with: Data(response.body.text.utf8)) as? [String: Any]
                #expect(document?["openapi"] as? String == "3.1.0")
                let paths = (document?["paths"] as? [String: Any])?.keys.sorted() ?? []
                #expect(paths.contains("/api/v1/quotes/{id}/accept"))
            }
        }
    }
}
