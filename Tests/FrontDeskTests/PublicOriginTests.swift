import FrontDesk
import Hummingbird
import HummingbirdTesting
import Testing
import Workflows

@Suite("Front desk: --public-origin")
struct PublicOriginTests {
    @Test("A public origin is a scheme, a host and an optional port", arguments: [
        ("https://desk.example.com", "https://desk.example.com"), ("https://desk.example.com/", "https://desk.example.com"),
        ("HTTPS://Desk.Example.COM", "https://desk.example.com"), ("https://desk.example.com:443", "https://desk.example.com"),
        ("http://desk.example.com:80", "http://desk.example.com"), ("https://desk.example.com:8443", "https://desk.example.com:8443"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ])
    func parsed(_ case_: (String, String)) throws {
        #expect(try #require(PublicOrigin(case_.0)).description == case_.1)
    }

    @Test("Anything else is refused", arguments: [
        "desk.example.com", "https://", "ftp://desk.example.com", "https://desk.example.com/front", "https://desk.example.com?x=1",
        "https://user@desk.example.com", "https://desk.example.com#top", "https://desk.example.com:0", "https://desk.example.com:99999",
        "", "//desk.example.com", "javascript:alert(1)",
    ])
    func refused(_ text: String) {
        #expect(PublicOrigin(text) == nil)
    }

    /// What a state-changing request sends: its Origin and Referer.
    static let origin = "https://desk.example.com"

    @Test("With a public origin, a state-changing request from exactly it passes, from any other scheme, host or port is refused",
          arguments: [
              ([HTTPFields.Element.Name.origin: origin], true),
              ([.origin: "https://DESK.example.com:443"], true),
              ([.referer: origin + "/quotes/new"], true),
              ([.origin: "http://desk.example.com"], false),
              ([.origin: "https://desk.example.com:8443"], false),
              ([.origin: "https://evil.example"], false),
              ([.origin: "null"], false),
              ([.origin: "http://localhost"], false),
              ([.referer: "http://desk.example.com/quotes/new"], false),
              ([.referer: "https://desk.example.com.evil.example/"], false),
              ([.origin: "http://desk.example.com", .referer: origin + "/"], false),
              ([:], false),
          ])
    func checked(_ case_: ([HTTPFields.Element.Name: String], Bool)) async throws {
        var desk = try await WebFixture()
        desk.settings.publicOrigin = PublicOrigin(Self.origin)
        try await desk.account("desk")
        try await desk.test { client in
            // Signing in: the origin checked before any password.
            var signIn: HTTPFields = [.contentType: "application/json"]
            for (name, value) in case_.0 { signIn[name] = value }
            try await client.execute(uri: "/api/v1/session", method: .post, headers: signIn,
                                     body: ByteBuffer(string: #"{"username":"desk","password":"correct horse 1"}"#)) { response in
                #expect(response.status == (case_.1 ? .noContent : .forbidden))
            }
            // A save with the session cookie and the right CSRF token.
            let (cookie, csrf) = try await client.execute(uri: "/api/v1/session", method: .post,
                                                          headers: [.contentType: "application/json", .origin: Self.origin],
                                                          body: ByteBuffer(string: #"{"username":"desk","password":"correct horse 1"}"#)) { response in
                (String((response.headers[.setCookie] ?? "").split(separator: ";").first ?? ""),
                 response.headers[HTTPFields.Element.Name("X-CSRF-Token")!] ?? "")
            }
            var save: HTTPFields = [.cookie: cookie, .contentType: "application/json", HTTPFields.Element.Name("X-CSRF-Token")!: csrf]
            for (name, value) in case_.0 { save[name] = value }
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: save, body: Body.request()) { response in
                #expect(response.status == (case_.1 ? .created : .forbidden))
            }
        }
    }

    @Test("With a public origin, a program with an API token and no Origin passes; a cross-site Sec-Fetch-Site never does")
    func bearer() async throws {
        var desk = try await WebFixture()
        desk.settings.publicOrigin = PublicOrigin(Self.origin)
        try await desk.account("desk")
        let token = try await desk.token("desk")
        try await desk.test { client in
            try await client.execute(uri: "/api/v1/quotes", method: .post,
                                     headers: [.authorization: "Bearer \(token)", .contentType: "application/json"], body: Body.request()) {
                #expect($0.status == .created)
            }
            try await client.execute(uri: "/api/v1/quotes", method: .post,
                                     headers: [.authorization: "Bearer \(token)", .contentType: "application/json",
                                               .origin: Self.origin, HTTPFields.Element.Name("Sec-Fetch-Site")!: "cross-site"],
                                     body: Body.request()) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/quotes", method: .post,
                                     headers: [.authorization: "Bearer \(token)", .contentType: "application/json", .origin: "http://desk.example.com"],
                                     body: Body.request()) {
                #expect($0.status == .forbidden)
            }
        }
    }

    @Test("Without a public origin the Host comparison stays: the test server's own origin passes, any scheme of it")
    func hostBased() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            for origin in ["http://localhost", "https://localhost"] {
                try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json", .origin: origin],
                                         body: ByteBuffer(string: #"{"username":"desk","password":"correct horse 1"}"#)) {
                    #expect($0.status == .noContent)
                }
            }
        }
    }
}
