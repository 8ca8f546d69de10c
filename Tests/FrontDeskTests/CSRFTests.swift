import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Front desk: CSRF and same-site checks")
struct CSRFTests {
    enum Token: String, CaseIterable { case missing, wrong, otherSession, empty }

    @Test("A state-changing request with the session cookie and a missing or wrong CSRF token is refused with 403",
          arguments: Token.allCases)
    func refused(_ token: Token) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.account("other")
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk"), other = try await Browser.signIn(client, "other")
            let headers: HTTPFields = switch token {
            case .missing: browser.headersWithoutCSRF
            case .wrong: browser.headers(csrf: String(browser.csrf.reversed()))
            case .otherSession: browser.headers(csrf: other.csrf)
            case .empty: browser.headers(csrf: "")
            }
            for path in ["/api/v1/price", "/api/v1/quotes"] {
                try await client.execute(uri: path, method: .post, headers: headers, body: Body.request()) { response in
                    #expect(response.status == .forbidden)
                }
            }
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: browser.cookie]) { response in
                #expect(response.body.text.contains("\"quotes\":[]"))   // nothing was saved
            }
        }
    }

    @Test("The right CSRF token in the header or the form field lets the request through")
    func accepted() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk")
            try await client.execute(uri: "/api/v1/price", method: .post, headers: browser.headers(), body: Body.request()) {
                #expect($0.status == .ok)
            }
            let form = "csrf=\(browser.csrf)&client=Ada&location=downtown&tier=senior&areas=face&sessions=2&action=save"
            try await client.execute(uri: "/quotes/new", method: .post,
                                     headers: [.cookie: browser.cookie, .contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: form)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/quotes/Q-2026-000001?link=") == true)   // with the new client link
            }
            try await client.execute(uri: "/quotes/new", method: .post,
                                     headers: [.cookie: browser.cookie, .contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: form.replacingOccurrences(of: "csrf=", with: "csrf=x"))) {
                #expect($0.status == .forbidden)
            }
        }
    }

    @Test("A cross-site Origin is refused even with the right token",
          arguments: ["https://evil.example", "http://localhost:8081", "null", "http://evil.example/localhost"])
    func crossSite(_ origin: String) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk")
            var headers = browser.headers()
            headers[.origin] = origin
            try await client.execute(uri: "/api/v1/price", method: .post, headers: headers, body: Body.request()) {
                #expect($0.status == .forbidden)
            }
            var fetch = browser.headers()
            fetch[.origin] = nil
            fetch[HTTPFields.Element.Name("Sec-Fetch-Site")!] = "cross-site"
            try await client.execute(uri: "/api/v1/price", method: .post, headers: fetch, body: Body.request()) {
                #expect($0.status == .forbidden)
            }
        }
    }

    @Test("A bearer-token request needs no CSRF token")
    func bearer() async throws {
        let desk = try await WebFixture()
        try await desk.account("robot", at: ["downtown"])
        let token = try await desk.token("robot")
        try await desk.test { client in
            try await client.execute(uri: "/api/v1/quotes", method: .post,
                                     headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                     body: Body.request()) { #expect($0.status == .created) }
        }
    }
}
