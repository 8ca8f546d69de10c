import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Testing

/// `POST /quotes/new/figures` (the figures the new-quote page's script shows as the clerk
/// types) and `/static/frontdesk.js`.
@Suite("Front desk: re-pricing as the clerk types")
struct LivePricingTests {
    static let form = "client=Ada&location=downtown&tier=senior&areas=face&sessions=3"

    static func headers(_ b: Browser, csrf: Bool = true) -> HTTPFields {
        var h: HTTPFields = [.cookie: b.cookie, .origin: "http://localhost", .contentType: "application/x-www-form-urlencoded"]
        if csrf { h[HTTPFields.Element.Name("X-CSRF-Token")!] = b.csrf }
        return h
    }

    @Test("The form's fields give the figures the page shows after Price, total and all")
    func figures() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk", at: ["downtown"])
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            let page = try await client.execute(uri: "/quotes/new", method: .post, headers: Self.headers(b),
                                                body: ByteBuffer(string: Self.form + "&action=price")) { $0.body.text }
            try await client.execute(uri: "/quotes/new/figures", method: .post, headers: Self.headers(b),
                                     body: ByteBuffer(string: Self.form)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let fragment = response.body.text
                #expect(fragment.hasPrefix("<section"))
                #expect(fragment.contains("id=\"total\""))
                #expect(!fragment.contains("<html"))
                #expect(page.contains(fragment.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            let json = try await client.execute(uri: "/api/v1/price", method: .post, headers: b.headers(),
                                                body: ByteBuffer(string: #"{"client":"Ada","location":"downtown","tier":"senior","areas":["face"],"sessions":4}"#)) { $0.body.text }
            try await client.execute(uri: "/quotes/new/figures", method: .post, headers: Self.headers(b),
                                     body: ByteBuffer(string: Self.form.replacingOccurrences(of: "sessions=3", with: "sessions=4"))) { response in
                let total = try #require(json.range(of: #""total": ?"?([0-9.]+)"#, options: .regularExpression)).lowerBound
                let digits = json[total...].drop { !$0.isNumber }.prefix { $0.isNumber || $0 == "." }
                #expect(response.body.text.contains("id=\"total\">\(digits)<"))
            }
        }
    }

    @Test("A refused field answers 422 with the API's error naming it",
          arguments: [("promo", "&promo=NOPE"), ("sessions", "&sessions=99"), ("areas", "&areas=chin"),
                      ("start_date", "&start_date=2026-02-30"), ("location", "&location=uptown")])
    func refusal(_ case_: (String, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk", at: ["downtown"])
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            var fields = Self.form.split(separator: "&").filter { !$0.hasPrefix(case_.0 + "=") }.joined(separator: "&")
            fields += case_.1
            try await client.execute(uri: "/quotes/new/figures", method: .post, headers: Self.headers(b),
                                     body: ByteBuffer(string: fields)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.body.text.contains("\"field\": \"\(case_.0)\"") || response.body.text.contains("\"field\":\"\(case_.0)\""))
            }
        }
    }

    @Test("A hostile client name comes back escaped in the figures")
    func escaped() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk", at: ["downtown"])
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            let name = "<img src=x onerror=alert(1)>"
            let body = Self.form.replacingOccurrences(of: "client=Ada", with: "client=" + name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            try await client.execute(uri: "/quotes/new/figures", method: .post, headers: Self.headers(b), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("&lt;img src=x onerror=alert(1)&gt;"))
                #expect(!response.body.text.contains(name))
            }
        }
    }

    @Test("The figures need a signed-in account and the session's CSRF token; a save is not made")
    func access() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk", at: ["downtown"])
        try await desk.test { client in
            try await client.execute(uri: "/quotes/new/figures", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: Self.form)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/signin")
            }
            let b = try await Browser.signIn(client, "desk")
            try await client.execute(uri: "/quotes/new/figures", method: .post, headers: Self.headers(b, csrf: false),
                                     body: ByteBuffer(string: Self.form)) { #expect($0.status == .forbidden) }
            var crossSite = Self.headers(b)
            crossSite[.origin] = "http://evil.example"
            try await client.execute(uri: "/quotes/new/figures", method: .post, headers: crossSite,
                                     body: ByteBuffer(string: Self.form)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/quotes/new/figures", method: .post, headers: Self.headers(b),
                                     body: ByteBuffer(string: Self.form)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: b.cookie]) { response in
                #expect(response.body.text.contains("\"quotes\":[]"))
            }
        }
    }

    @Test("The script is served to anyone and the new-quote page includes it, with the ids it reads")
    func script() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk", at: ["downtown"])
        try await desk.test { client in
            try await client.execute(uri: "/static/frontdesk.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(response.body.text.contains("/quotes/new/figures"))
                #expect(!response.body.text.contains("innerHTML"))
            }
            let b = try await Browser.signIn(client, "desk")
            try await client.execute(uri: "/quotes/new", method: .get, headers: [.cookie: b.cookie]) { response in
                let text = response.body.text
                #expect(text.contains("<script src=\"/static/frontdesk.js\" defer></script>"))
                #expect(text.contains("id=\"quote-form\""))
                #expect(text.contains("<div id=\"figures\"></div>"))
                #expect(text.contains("<input type=\"hidden\" name=\"csrf\" value=\"\(b.csrf)\">"))
            }
        }
    }
}
