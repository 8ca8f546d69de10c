import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import Testing

@Suite("Front desk: the access rule")
struct AccessTests {
    static let foreignRoutes: [(HTTPRequest.Method, String)] = [
        (.get, "/api/v1/quotes/Q-2026-000001"), (.post, "/api/v1/quotes/Q-2026-000001/accept"),
        (.post, "/api/v1/quotes/Q-2026-000001/decline"), (.get, "/quotes/Q-2026-000001"),
        (.get, "/quotes/Q-2026-000001/quote.xlsx"), (.post, "/quotes/Q-2026-000001/decline"),
    ]

    @Test("A clerk of another location gets 404 for a quote, as for an unknown one", arguments: foreignRoutes)
    func foreign(_ route: (HTTPRequest.Method, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("down", at: ["downtown"])
        try await desk.account("up", at: ["uptown"])
        try await desk.test { client in
            let owner = try await Browser.signIn(client, "down"), other = try await Browser.signIn(client, "up")
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: owner.headers(), body: Body.request()) {
                #expect($0.status == .created)
            }
            var headers = other.headers()
            if route.1.hasPrefix("/quotes") { headers[.contentType] = "application/x-www-form-urlencoded" }
            let body = route.1.hasPrefix("/quotes") ? "csrf=\(other.csrf)" : #"{"on":"2026-11-05"}"#
            let unknown = route.1.replacingOccurrences(of: "000001", with: "000099")
            for uri in [route.1, unknown] {
                try await client.execute(uri: uri, method: route.0, headers: headers, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .notFound)
                }
            }
            try await client.execute(uri: "/api/v1/quotes/Q-2026-000001", method: .get, headers: owner.headers()) { response in
                #expect(response.body.text.contains("\"status\": \"quoted\""))   // unchanged
            }
        }
    }

    @Test("Lists show only the account's locations; an admin sees every one")
    func lists() async throws {
        let desk = try await WebFixture()
        try await desk.account("down", at: ["downtown"])
        try await desk.account("up", at: ["uptown"])
        try await desk.account("boss", .admin)
        try await desk.test { client in
            let down = try await Browser.signIn(client, "down"), up = try await Browser.signIn(client, "up")
            let boss = try await Browser.signIn(client, "boss")
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: down.headers(),
                                     body: Body.request(client: "Downtown Dora")) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: up.headers(),
                                     body: Body.request(location: "uptown", client: "Uptown Uma")) { #expect($0.status == .created) }
            for (browser, sees, hidden) in [(down, ["Dora"], ["Uma"]), (up, ["Uma"], ["Dora"]), (boss, ["Dora", "Uma"], [])] {
                for uri in ["/api/v1/quotes", "/api/v1/quotes?location=downtown&location=uptown", "/quotes"] {
                    try await client.execute(uri: uri, method: .get, headers: [.cookie: browser.cookie]) { response in
                        let text = response.body.text
                        let expectedHere = uri.contains("location=downtown") ? sees.filter { $0 == "Dora" } : sees
                        for name in expectedHere { #expect(text.contains(name)) }
                        for name in hidden { #expect(!text.contains(name)) }
                    }
                }
            }
            try await client.execute(uri: "/api/v1/quotes?location=uptown", method: .get, headers: [.cookie: down.cookie]) {
                #expect($0.body.text.contains("\"quotes\":[]"))
            }
        }
    }

    @Test("A clerk cannot price or save at another location: 422 naming location", arguments: ["/api/v1/price", "/api/v1/quotes"])
    func otherLocation(_ path: String) async throws {
        let desk = try await WebFixture()
        try await desk.account("down", at: ["downtown"])
        try await desk.test { client in
            let down = try await Browser.signIn(client, "down")
            try await client.execute(uri: path, method: .post, headers: down.headers(), body: Body.request(location: "uptown")) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.body.text.contains("\"field\": \"location\""))
            }
        }
    }
}
