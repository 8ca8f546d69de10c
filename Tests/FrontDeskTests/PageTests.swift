import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Front desk: pages")
struct PageTests {
    static let hostile = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\" onfocus=\"alert(1)", "Tom & 'Jerry'"]

    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test("A hostile client name shows as text on the quote page and in the list", arguments: hostile)
    func escaping(_ name: String) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            let json = name.replacingOccurrences(of: "\"", with: "\\\"")
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(), body: Body.request(client: json)) {
                #expect($0.status == .created)
            }
            for uri in ["/quotes/Q-2026-000001", "/quotes", "/quotes?client=\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"] {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: b.cookie]) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    #expect(response.body.text.contains(Self.escaped(name)))
                    #expect(!response.body.text.contains(name))
                }
            }
        }
    }

    @Test("The new-quote form prices, and shows a refusal beside the field it names",
          arguments: [("promo", "promo=NOPE"), ("sessions", "sessions=12"), ("areas", "areas=chin")])
    func refusalBesideField(_ case_: (String, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk", at: ["downtown"])
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            let headers: HTTPFields = [.cookie: b.cookie, .contentType: "application/x-www-form-urlencoded"]
            let base = "csrf=\(b.csrf)&client=Ada&location=downtown&tier=senior&action=price"
            try await client.execute(uri: "/quotes/new", method: .post, headers: headers,
                                     body: ByteBuffer(string: base + "&areas=face&sessions=3")) { response in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("<th scope=\"row\">Total</th>"))
            }
            var fields = ["areas=face", "sessions=3"].filter { !$0.hasPrefix(case_.0 + "=") }
            fields.append(case_.1)
            try await client.execute(uri: "/quotes/new", method: .post, headers: headers,
                                     body: ByteBuffer(string: base + "&" + fields.joined(separator: "&"))) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.body.text.contains("id=\"\(case_.0)-error\""))
                #expect(!response.body.text.contains("<th scope=\"row\">Total</th>"))
            }
        }
    }

    @Test("The new-quote form offers only the account's locations")
    func locations() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk", at: ["uptown"])
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            try await client.execute(uri: "/quotes/new", method: .get, headers: [.cookie: b.cookie]) { response in
                let text = response.body.text
                #expect(text.contains("<option value=\"uptown\""))
                #expect(!text.contains("<option value=\"downtown\""))
                #expect(text.contains("<label for=\"sessions\">"))
            }
        }
    }

    @Test("The quote page accepts by form, and downloads the client workbook by ledger id")
    func quotePage() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(), body: Body.request()) { #expect($0.status == .created) }
            let form: HTTPFields = [.cookie: b.cookie, .contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/quotes/Q-2026-000001/accept", method: .post, headers: form,
                                     body: ByteBuffer(string: "csrf=\(b.csrf)&on=2026-11-04")) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/quotes/Q-2026-000001", method: .get, headers: [.cookie: b.cookie]) { response in
                #expect(response.body.text.contains("<strong>accepted</strong> on 2026-11-04"))
                #expect(!response.body.text.contains("action=\"/quotes/Q-2026-000001/decline\""))
            }
            try await client.execute(uri: "/quotes/Q-2026-000001/quote.xlsx", method: .get, headers: [.cookie: b.cookie]) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView.prefix(2)) == [0x50, 0x4B])   // a zip: PK
            }
            for id in ["..%2F..%2Fetc%2Fpasswd", "Q-2026-000002", "%2Ftmp%2Fx.xlsx"] {
                try await client.execute(uri: "/quotes/\(id)/quote.xlsx", method: .get, headers: [.cookie: b.cookie]) {
                    #expect($0.status == .notFound)
                }
            }
        }
    }

    @Test("Re-quote fills the new-quote form from a saved quote the account sees; another location's answers 404")
    func requote() async throws {
        let desk = try await WebFixture()
        try await desk.account("down", at: ["downtown"])
        try await desk.account("up", at: ["uptown"])
        try await desk.test { client in
            let down = try await Browser.signIn(client, "down"), up = try await Browser.signIn(client, "up")
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: down.headers(),
                                     body: Body.request(client: "Re Quote", extra: #","addons":["numbing"]"#)) { #expect($0.status == .created) }
            try await client.execute(uri: "/quotes/new?from=Q-2026-000001", method: .get, headers: [.cookie: down.cookie]) { response in
                let text = response.body.text
                #expect(text.contains("value=\"Re Quote\""))
                #expect(text.contains("value=\"neck\" checked"))
                #expect(text.contains("value=\"numbing\" checked"))
                #expect(text.contains("<option value=\"downtown\" selected>"))
            }
            try await client.execute(uri: "/quotes/new?from=Q-2026-000001", method: .get, headers: [.cookie: up.cookie]) {
                #expect($0.status == .notFound)
            }
        }
    }
}
