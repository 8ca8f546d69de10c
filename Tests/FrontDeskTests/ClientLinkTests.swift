import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import LedgerSQLite
import Pricing
import Testing
import Workflows

/// The client's link: saved quotes get one, the client sees and accepts the quote without
/// signing in, and every way a link stops working shows nothing of the quote.
@Suite("Front desk: the client's link")
struct ClientLinkTests {
    /// A client with a saved quote: the link's token from the API's 201.
    struct Saved: Sendable {
        var browser: Browser
        var token: String
        var id: String
    }

    /// Signs `name` in and saves a quote through the API (`extra` JSON fields added).
    static func save(_ client: any TestClientProtocol, as name: String = "desk", clientName: String = "Ada Client",
                     extra: String = "") async throws -> Saved {
        let b = try await Browser.signIn(client, name)
        return try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(),
                                         body: Body.request(client: clientName, extra: extra)) { response in
            #expect(response.status == .created)
            let text = response.body.text
            let url = try #require(text.firstMatch(of: /"share_url": "\/c\/([A-Za-z0-9_-]+)"/)?.1)
            let id = try #require(text.firstMatch(of: /"quote_id": "(Q-[0-9-]+)"/)?.1)
            return Saved(browser: b, token: String(url), id: String(id))
        }
    }

    /// Opens the client page of `token` with no cookie but `cookie`: the response and the form's token cookie.
    static func open(_ client: any TestClientProtocol, _ token: String, cookie: String? = nil) async throws -> (status: HTTPResponse.Status, text: String, formToken: String?) {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: "/c/\(token)", method: .get, headers: headers) { response in
            let set = response.headers[.setCookie] ?? ""
            let value = set.firstMatch(of: /spaquote_link_form=([A-Za-z0-9_-]+)/)?.1
            return (response.status, response.body.text, value.map(String.init))
        }
    }

    /// Posts the accept form of `token` as a browser on this site would.
    static func accept(_ client: any TestClientProtocol, _ token: String, name: String, formToken: String?,
                       field: String? = nil, origin: String? = "http://localhost") async throws -> (HTTPResponse.Status, String) {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let formToken { headers[.cookie] = "spaquote_link_form=\(formToken)" }
        if let origin { headers[.origin] = origin }
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let csrf = field ?? formToken ?? ""
        return try await client.execute(uri: "/c/\(token)/accept", method: .post, headers: headers,
                                         body: ByteBuffer(string: "csrf=\(csrf)&name=\(encoded)")) { ($0.status, $0.body.text) }
    }

    @Test("A saved quote's link has at least 128 random bits, shows the client quote without signing in, and no staff navigation")
    func clientPage() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let first = try await Self.save(client), second = try await Self.save(client)
            for saved in [first, second] { #expect(saved.token.count >= 22) }   // 22 base64url characters are 132 bits
            #expect(first.token != second.token)
            let page = try await Self.open(client, first.token)
            #expect(page.status == .ok)
            #expect(page.text.contains("Ada Client") && page.text.contains("<th scope=\"row\">Total</th>"))
            #expect(page.text.contains("name=\"name\"") && page.text.contains("id=\"client-name\""))
            #expect(page.text.contains("<label for=\"client-name\">Your name</label>") && page.text.contains("id=\"accept\""))
            #expect(!page.text.contains("/quotes/new") && !page.text.contains("Sign out") && !page.text.contains("/signout"))
            #expect(page.formToken.map { $0.count >= 22 } == true)
            // The ledger keeps only the token's hash.
            let link = try #require(try await desk.store.shareLink(quote: QuoteNumber(first.id)!))
            #expect(link.tokenHash == Secret.hash(first.token) && link.tokenHash != first.token)
            // The API's document names the link and the contact.
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                let document = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                let schemas = (document?["components"] as? [String: Any])?["schemas"] as? [String: Any]
                let saved = (schemas?["SavedQuote"] as? [String: Any])?["properties"] as? [String: Any]
                let request = (schemas?["QuoteRequest"] as? [String: Any])?["properties"] as? [String: Any]
                #expect(saved?["share_url"] != nil && request?["client_contact"] != nil)
            }
        }
    }

    @Test("Unknown tokens answer a plain 404 with nothing of any quote", arguments: [
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "short", "..%2F..%2Fetc%2Fpasswd", "Q-2026-000001", String(repeating: "x", count: 200),
    ])
    func unknown(token: String) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let saved = try await Self.save(client, clientName: "Secret Sally")
            let page = try await Self.open(client, token)
            #expect(page.status == .notFound)
            #expect(!page.text.contains("Secret Sally") && !page.text.contains(saved.id) && !page.text.contains("Total"))
            for suffix in ["/quote.pdf", "/quote.xlsx"] {
                try await client.execute(uri: "/c/\(token)\(suffix)", method: .get) { #expect($0.status == .notFound) }
            }
            let (status, text) = try await Self.accept(client, token, name: "Sally", formToken: Secret.token())
            #expect(status == .notFound && !text.contains("Secret Sally"))
        }
    }

    @Test("Accepting by name records the time, the typed name and the content fingerprint; the quote is accepted on the clock's today; a second accept is refused")
    func acceptByName() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let saved = try await Self.save(client, clientName: "Ada Client")
            let page = try await Self.open(client, saved.token)
            let (status, _) = try await Self.accept(client, saved.token, name: "  Ada C. Client ", formToken: page.formToken)
            #expect(status == .seeOther)
            let number = QuoteNumber(saved.id)!
            let entry = try await desk.store.entry(number)
            #expect(entry.quote.request.status == .accepted && entry.quote.request.acceptedOn == WebFixture.today)
            let link = try #require(try await desk.store.shareLink(quote: number))
            #expect(link.acceptance == LinkAcceptance(time: desk.clock.now, name: "Ada C. Client", fingerprint: QuoteFingerprint.of(entry.quote)))
            #expect(link.acceptance?.fingerprint.count == 64)
            let after = try await Self.open(client, saved.token, cookie: "spaquote_link_form=\(page.formToken ?? "")")
            #expect(after.status == .ok && after.text.contains("Accepted on 2026-11-02 by Ada C. Client"))
            #expect(!after.text.contains("id=\"accept\""))
            desk.clock.advance(60)
            let (again, text) = try await Self.accept(client, saved.token, name: "Someone Else", formToken: page.formToken)
            #expect(again == .conflict && text.contains("already accepted"))
            #expect(try await desk.store.shareLink(quote: number)?.acceptance == link.acceptance)
            // Staff see who accepted, beside the quote's client name.
            try await client.execute(uri: "/quotes/\(saved.id)", method: .get, headers: [.cookie: saved.browser.cookie]) { response in
                let text = response.body.text
                #expect(text.contains("<strong id=\"link-accepted-name\">Ada C. Client</strong>") && text.contains(link.acceptance!.fingerprint))
                #expect(text.contains("which matches the quote as saved"))
            }
        }
    }

    @Test("A name missing, blank or over 100 characters is refused beside the field; nothing is accepted",
          arguments: ["", "   ", String(repeating: "n", count: 101), "line\u{7}bell"])
    func badName(name: String) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let saved = try await Self.save(client)
            let page = try await Self.open(client, saved.token)
            let (status, text) = try await Self.accept(client, saved.token, name: name, formToken: page.formToken)
            #expect(status == .unprocessableContent && text.contains("id=\"name-error\""))
            #expect(try await desk.store.entry(QuoteNumber(saved.id)!).quote.request.status == .quoted)
        }
    }

    enum Closed: String, CaseIterable { case declined, acceptedByClinic, expired, revoked, replaced }

    @Test("A declined, clinic-accepted, expired, revoked or replaced link shows nothing and cannot accept", arguments: Closed.allCases)
    func closed(_ how: Closed) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.account("boss", .manager)
        try await desk.test { client in
            // Dated 2026-10-01, a quote is valid until 2026-10-31: past on the test clock's 2026-11-02.
            let saved = try await Self.save(client, clientName: "Closed Carl", extra: how == .expired ? #","quote_date":"2026-10-01""# : "")
            let page = try await Self.open(client, saved.token)
            #expect(page.status == (how == .expired ? .notFound : .ok))
            let formToken = page.formToken ?? Secret.token()   // the expired link set none: the browser brings its own
            let b = saved.browser, form: HTTPFields = [.cookie: b.cookie, .contentType: "application/x-www-form-urlencoded"]
            switch how {
            case .declined:
                try await client.execute(uri: "/api/v1/quotes/\(saved.id)/decline", method: .post, headers: b.headers()) { #expect($0.status == .ok) }
            case .acceptedByClinic:
                try await client.execute(uri: "/api/v1/quotes/\(saved.id)/accept", method: .post, headers: b.headers(),
                                         body: ByteBuffer(string: #"{"on":"2026-11-02"}"#)) { #expect($0.status == .ok) }
            case .expired: break
            case .revoked:
                let boss = try await Browser.signIn(client, "boss")
                try await client.execute(uri: "/quotes/\(saved.id)/link/revoke", method: .post,
                                         headers: [.cookie: boss.cookie, .contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "csrf=\(boss.csrf)")) { #expect($0.status == .seeOther) }
            case .replaced:
                try await client.execute(uri: "/quotes/\(saved.id)/link", method: .post, headers: form,
                                         body: ByteBuffer(string: "csrf=\(b.csrf)")) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location]?.hasPrefix("/quotes/\(saved.id)?link=") == true)
                }
            }
            let statusBefore = try await desk.store.entry(QuoteNumber(saved.id)!).quote.request
            let after = try await Self.open(client, saved.token)
            #expect(after.status == .notFound && !after.text.contains("Closed Carl"))
            let (status, text) = try await Self.accept(client, saved.token, name: "Carl", formToken: formToken)
            #expect(status == .notFound && !text.contains("Closed Carl"))
            let request = try await desk.store.entry(QuoteNumber(saved.id)!).quote.request
            #expect(request.status == statusBefore.status && request.acceptedOn == statusBefore.acceptedOn)
            #expect(try await desk.store.shareLink(quote: QuoteNumber(saved.id)!)?.acceptance == nil)
        }
    }

    @Test("Only a manager revokes a link: a clerk gets 403 and the link keeps working")
    func revokeNeedsManager() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let saved = try await Self.save(client)
            let b = saved.browser
            try await client.execute(uri: "/quotes/\(saved.id)/link/revoke", method: .post,
                                     headers: [.cookie: b.cookie, .contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "csrf=\(b.csrf)")) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/quotes/\(saved.id)", method: .get, headers: [.cookie: b.cookie]) { response in
                #expect(!response.body.text.contains("id=\"revoke-link\""))
                #expect(response.body.text.contains("id=\"create-link\""))
            }
            #expect(try await Self.open(client, saved.token).status == .ok)
        }
    }

    enum Forgery: String, CaseIterable { case noCookie, noField, wrongField, otherCookie, crossSiteOrigin, nullOrigin }

    @Test("The accept form's double-submit token and the same-site check refuse forged accepts", arguments: Forgery.allCases)
    func forgery(_ forgery: Forgery) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let saved = try await Self.save(client)
            let token = try #require(try await Self.open(client, saved.token).formToken)
            let (status, _): (HTTPResponse.Status, String) = switch forgery {
            case .noCookie: try await Self.accept(client, saved.token, name: "Ada", formToken: nil, field: token)
            case .noField: try await Self.accept(client, saved.token, name: "Ada", formToken: token, field: "")
            case .wrongField: try await Self.accept(client, saved.token, name: "Ada", formToken: token, field: String(token.reversed()))
            case .otherCookie: try await Self.accept(client, saved.token, name: "Ada", formToken: Secret.token(), field: token)
            case .crossSiteOrigin: try await Self.accept(client, saved.token, name: "Ada", formToken: token, origin: "https://evil.example")
            case .nullOrigin: try await Self.accept(client, saved.token, name: "Ada", formToken: token, origin: "null")
            }
            #expect(status == .forbidden)
            #expect(try await desk.store.entry(QuoteNumber(saved.id)!).quote.request.status == .quoted)
        }
    }

    @Test("The staff page shows a new link once, with id share-link; a token not the quote's current one is not shown")
    func staffPage() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            let form: HTTPFields = [.cookie: b.cookie, .contentType: "application/x-www-form-urlencoded"]
            let body = "csrf=\(b.csrf)&client=Web+Client&client_contact=%2B1+503+555+0199&location=downtown&tier=senior&areas=face&sessions=2&action=save"
            let location = try await client.execute(uri: "/quotes/new", method: .post, headers: form, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            let token = try #require(location.firstMatch(of: /^\/quotes\/Q-2026-000001\?link=([A-Za-z0-9_-]{22,})$/)?.1)
            try await client.execute(uri: location, method: .get, headers: [.cookie: b.cookie]) { response in
                let text = response.body.text
                #expect(text.contains("<a id=\"share-link\" href=\"/c/\(token)\">"))
                #expect(text.contains("Client contact (staff only): <span id=\"client-contact\">+1 503 555 0199</span>"))
                #expect(text.contains("active"))
            }
            try await client.execute(uri: "/quotes/Q-2026-000001", method: .get, headers: [.cookie: b.cookie]) { response in
                #expect(!response.body.text.contains("id=\"share-link\"") && !response.body.text.contains(String(token)))
            }
            // Someone else's guess in the address is not shown as the link.
            try await client.execute(uri: "/quotes/Q-2026-000001?link=\(Secret.token())", method: .get, headers: [.cookie: b.cookie]) {
                #expect(!$0.body.text.contains("id=\"share-link\""))
            }
            // The contact is for the staff: the client's page, PDF and workbook do not show it.
            let page = try await Self.open(client, String(token))
            #expect(page.status == .ok && page.text.contains("Web Client") && !page.text.contains("555 0199"))
            try await client.execute(uri: "/quotes/Q-2026-000001/link", method: .post, headers: form,
                                     body: ByteBuffer(string: "")) { #expect($0.status == .forbidden) }   // no CSRF token
        }
    }

    @Test("A client contact is stored through the API, refused over 200 characters or with a line break, and never a request field",
          arguments: [("\"desk@example.com\"", 201), ("null", 201), (#""\#(String(repeating: "9", count: 201))""#, 422),
                      (#""a\nb""#, 422), ("42", 422)])
    func contactThroughAPI(_ case_: (String, Int)) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(),
                                     body: Body.request(extra: #","client_contact":\#(case_.0)"#)) { response in
                #expect(Int(response.status.code) == case_.1)
                if case_.1 == 422 { #expect(response.body.text.contains("\"field\": \"client_contact\"")) }
                #expect(!response.body.text.contains("client_contact\": \"desk"))   // not in the quote's JSON
            }
            let stored = try await desk.store.clientContact(quote: QuoteNumber("Q-2026-000001")!)
            #expect(stored == (case_.0 == "\"desk@example.com\"" ? "desk@example.com" : nil))
            if case_.1 == 422 { #expect(try await desk.store.summary().quotes == 0) }
        }
    }

    @Test("The quote page and the client link download the client quote as a PDF")
    func pdf() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.account("up", at: ["uptown"])
        try await desk.test { client in
            let saved = try await Self.save(client)
            let up = try await Browser.signIn(client, "up")
            for (uri, cookie) in [("/quotes/\(saved.id)/quote.pdf", saved.browser.cookie), ("/c/\(saved.token)/quote.pdf", "")] {
                try await client.execute(uri: uri, method: .get, headers: cookie.isEmpty ? [:] : [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/pdf")
                    #expect(Array(response.body.readableBytesView.prefix(5)) == Array("%PDF-".utf8))
                }
            }
            try await client.execute(uri: "/c/\(saved.token)/quote.xlsx", method: .get) { response in
                #expect(response.status == .ok && Array(response.body.readableBytesView.prefix(2)) == [0x50, 0x4B])
            }
            try await client.execute(uri: "/quotes/\(saved.id)/quote.pdf", method: .get, headers: [.cookie: up.cookie]) {
                #expect($0.status == .notFound)   // another location's quote
            }
            try await client.execute(uri: "/quotes/\(saved.id)/quote.pdf", method: .get) { #expect($0.status != .ok) }   // signed out
        }
    }
}
