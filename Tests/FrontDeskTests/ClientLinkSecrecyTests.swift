import Foundation
@testable import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import Testing
import Workflows

/// The client link's secret: long enough, never compared as text, and a link that no
/// longer works shows nothing of its quote on any of its routes (the page, the accept
/// form, the downloads: every route with a `{token}`, read from the router).
@Suite("Front desk: client links keep their quote secret")
struct ClientLinkSecrecyTests {
    /// The bytes of a URL-safe base64 text without padding; nil when it is not one.
    static func decoded(_ token: String) -> Data? {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        guard !token.isEmpty, token.utf8.allSatisfy(alphabet.contains) else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }

    enum Made: String, CaseIterable, Sendable { case apiSave, formSave, newLink }

    @Test("A link's token, however made, decodes to 32 random bytes (256 bits, at least 128), and the ledger keeps only its SHA-256",
          arguments: Made.allCases)
    func tokenLength(_ made: Made) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            var tokens: [String] = []
            for _ in 0..<3 {
                let saved = try await ClientLinkTests.save(client)
                let form: HTTPFields = [.cookie: saved.browser.cookie, .contentType: "application/x-www-form-urlencoded"]
                let token: String
                switch made {
                case .apiSave: token = saved.token
                case .formSave:
                    let body = "csrf=\(saved.browser.csrf)&\(RouteRequest.quoteForm)&action=save"
                    token = try await client.execute(uri: "/quotes/new", method: .post, headers: form, body: ByteBuffer(string: body)) { r in
                        try #require(r.headers[.location]?.firstMatch(of: /\?link=([A-Za-z0-9_-]+)$/).map { String($0.1) })
                    }
                case .newLink:
                    token = try await client.execute(uri: "/quotes/\(saved.id)/link", method: .post, headers: form,
                                                     body: ByteBuffer(string: "csrf=\(saved.browser.csrf)")) { r in
                        try #require(r.headers[.location]?.firstMatch(of: /\?link=([A-Za-z0-9_-]+)$/).map { String($0.1) })
                    }
                }
                let bytes = try #require(Self.decoded(token), "\(token) is not URL-safe base64")
                #expect(bytes.count >= 16 && bytes.count == ClientLink.tokenBytes, "\(bytes.count) bytes")
                #expect(try await desk.store.shareLink(tokenHash: Secret.hash(token)) != nil)
                #expect(try await desk.store.shareLink(tokenHash: token) == nil)
                tokens.append(token)
            }
            #expect(Set(tokens).count == tokens.count)
        }
    }

    @Test("Session ids and CSRF tokens are 256 random bits too")
    func sessionSecrets() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let a = try await Browser.signIn(client, "desk"), b = try await Browser.signIn(client, "desk")
            for secret in [a.sessionID, a.csrf, b.sessionID, b.csrf] {
                #expect(try #require(Self.decoded(secret)).count == 32)
            }
            #expect(Set([a.sessionID, a.csrf, b.sessionID, b.csrf]).count == 4)
        }
    }

    @Test("The constant-time comparison says equal only for the same bytes, whatever differs and wherever",
          arguments: [("", "", true), ("a", "a", true), ("a", "b", false), ("abc", "abd", false), ("xbc", "abc", false),
                      ("abc", "ab", false), ("ab", "abc", false), ("", "a", false), ("é", "e\u{301}", false), ("é", "é", true),
                      (String(repeating: "k", count: 43), String(repeating: "k", count: 42) + "K", false),
                      (String(repeating: "k", count: 43), String(repeating: "k", count: 43), true)])
    func constantTime(_ pair: (String, String, Bool)) {
        let (a, b, equal) = pair
        #expect(Secret.constantTimeEqual(a, b) == equal)
        #expect(Secret.constantTimeEqual(b, a) == equal)
        #expect(equal == (Array(a.utf8) == Array(b.utf8)))
    }

    @Test("A difference at any one position of a token is found, the first byte as the last")
    func constantTimeEveryPosition() {
        let token = Secret.token()
        for i in 0..<token.utf8.count {
            var bytes = Array(token.utf8)
            bytes[i] ^= 0x01
            #expect(!Secret.constantTimeEqual(token, String(decoding: bytes, as: UTF8.self)), "position \(i)")
        }
    }

    /// Ways a link stops working (a link the client used to accept keeps showing them their acceptance).
    enum Closed: String, CaseIterable, Sendable { case revoked, replaced, declined, acceptedByClinic, expired }

    @Test("A revoked, replaced, used-up or expired link answers every one of its routes with the plain 404 of an unknown link",
          arguments: Closed.allCases, try await RouteCatalog.handled().filter { $0.parameters.contains("token") })
    func closedShowsNothing(_ how: Closed, _ route: RegisteredRoute) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.account("boss", .manager)
        try await desk.test { client in
            let saved = try await ClientLinkTests.save(client, clientName: RouteWorld.client,
                                                       extra: how == .expired ? #","quote_date":"2026-10-01""# : "")
            let total = try await desk.store.entry(try #require(QuoteNumber(saved.id))).quote.total.description
            let b = saved.browser, boss = try await Browser.signIn(client, "boss")
            let form = { (browser: Browser) -> HTTPFields in [.cookie: browser.cookie, .contentType: "application/x-www-form-urlencoded"] }
            switch how {
            case .revoked:
                try await client.execute(uri: "/quotes/\(saved.id)/link/revoke", method: .post, headers: form(boss),
                                         body: ByteBuffer(string: "csrf=\(boss.csrf)")) { #expect($0.status == .seeOther) }
            case .replaced:
                try await client.execute(uri: "/quotes/\(saved.id)/link", method: .post, headers: form(b),
                                         body: ByteBuffer(string: "csrf=\(b.csrf)")) { #expect($0.status == .seeOther) }
            case .declined:
                try await client.execute(uri: "/api/v1/quotes/\(saved.id)/decline", method: .post, headers: b.headers()) { #expect($0.status == .ok) }
            case .acceptedByClinic:
                try await client.execute(uri: "/api/v1/quotes/\(saved.id)/accept", method: .post, headers: b.headers(),
                                         body: ByteBuffer(string: #"{"on":"2026-11-02"}"#)) { #expect($0.status == .ok) }
            case .expired: break
            }
            let (status, text) = try await Self.request(client, route, token: saved.token)
            let (unknownStatus, unknownText) = try await Self.request(client, route, token: Secret.token())
            #expect(status == .notFound && unknownStatus == .notFound)
            #expect(!text.contains(RouteWorld.client) && !text.contains(saved.id) && !text.contains(total), "\(text)")
            #expect(text == unknownText)
        }
    }

    /// `route` with `token`, as the client's browser sends it (for the accept form, a
    /// matching double-submit pair and a typed name).
    static func request(_ client: any TestClientProtocol, _ route: RegisteredRoute, token: String) async throws -> (HTTPResponse.Status, String) {
        let path = RouteWorld.path(route) { _ in token }
        var headers: HTTPFields = [.origin: "http://localhost"]
        var body = ByteBuffer()
        if RequestGuard.changesState(route.method) {
            let formToken = Secret.token()
            headers[.cookie] = "spaquote_link_form=\(formToken)"
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: "csrf=\(formToken)&name=Carl")
        }
        return try await client.execute(uri: path, method: route.method, headers: headers, body: body) { ($0.status, $0.body.text) }
    }
}
