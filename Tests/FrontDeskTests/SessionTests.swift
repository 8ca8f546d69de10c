import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import Testing
import Workflows

@Suite("Front desk: signing in and sessions")
struct SessionTests {
    @Test("A right name and password give 204 and an HttpOnly, SameSite=Lax cookie; the session opens the API")
    func signIn() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk", at: ["downtown"])
        try await desk.test { client in
            try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "username=desk&password=correct+horse+1")) { response in
                #expect(response.status == .noContent)
                let cookie = response.headers[.setCookie] ?? ""
                #expect(cookie.hasPrefix("spaquote_session="))
                #expect(cookie.hasSuffix("; Path=/; HttpOnly; SameSite=Lax"))
            }
            let browser = try await Browser.signIn(client, "desk")
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: browser.cookie]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("A wrong password, an unknown name or a disabled account gets 401",
          arguments: [("desk", "wrong horse 12"), ("nobody", "correct horse 1"), ("gone", "correct horse 1"), ("", "")])
    func refused(_ credentials: (String, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.account("gone")
        try await AccountBook(store: desk.store, bcryptCost: 4).disable(name: "gone")
        try await desk.test { client in
            try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"username":"\#(credentials.0)","password":"\#(credentials.1)"}"#)) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.setCookie] == nil)
            }
        }
    }

    @Test("Signing in from another site's page is refused", arguments: ["https://evil.example", "null", "http://localhost.evil.example"])
    func crossSiteSignIn(_ origin: String) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json", .origin: origin],
                                     body: ByteBuffer(string: #"{"username":"desk","password":"correct horse 1"}"#)) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.setCookie] == nil)
            }
        }
    }

    @Test("A session id held before sign-in is not the one after, and no longer opens anything")
    func fixation() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let first = try await Browser.signIn(client, "desk")
            let second = try await Browser.signIn(client, "desk", cookie: first.cookie)
            #expect(second.cookie != first.cookie)
            #expect(second.csrf != first.csrf)
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: first.cookie]) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: second.cookie]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("A session idle longer than the idle timeout ends; one used in time goes on")
    func idle() async throws {
        let desk = try await WebFixture(idleTimeout: 600)
        try await desk.account("desk")
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk")
            desk.clock.advance(590)
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: browser.cookie]) { #expect($0.status == .ok) }
            desk.clock.advance(590)
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: browser.cookie]) { #expect($0.status == .ok) }
            desk.clock.advance(601)
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: browser.cookie]) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("Signing out ends the session and clears the cookie")
    func signOut() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk")
            try await client.execute(uri: "/api/v1/session", method: .delete, headers: browser.headers()) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: browser.cookie]) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("With --secure-cookies the cookie carries Secure")
    func secure() async throws {
        var desk = try await WebFixture()
        desk.settings.secureCookies = true
        try await desk.account("desk")
        try await desk.test { client in
            try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: #"{"username":"desk","password":"correct horse 1"}"#)) { response in
                #expect(response.headers[.setCookie]?.hasSuffix("; HttpOnly; SameSite=Lax; Secure") == true)
            }
        }
    }

    @Test("The sign-in page signs in with a form and sends the browser to the quotes")
    func signInPage() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            try await client.execute(uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "username=desk&password=nope")) { response in
                #expect(response.status == .unauthorized)
                #expect(response.body.text.contains("Wrong name or password."))
            }
            try await client.execute(uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "username=desk&password=correct+horse+1")) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/quotes")
                #expect(response.headers[.setCookie]?.hasPrefix("spaquote_session=") == true)
            }
        }
    }

    @Test("Five failed sign-ins lock the name and the address (429, even with the right password) until the window passes")
    func lockout() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.account("other")
        try await desk.test { client in
            let attempt = { (name: String, password: String) async throws -> HTTPResponse.Status in
                try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(string: #"{"username":"\#(name)","password":"\#(password)"}"#)) { $0.status }
            }
            var failures: [HTTPResponse.Status] = []
            for _ in 0..<5 { failures.append(try await attempt("desk", "wrong horse 12")) }
            #expect(failures == Array(repeating: .unauthorized, count: 5))
            let locked = try await attempt("desk", "correct horse 1")
            let sameAddress = try await attempt("other", "correct horse 1")
            #expect(locked == .tooManyRequests)
            #expect(sameAddress == .tooManyRequests)
            // A program is told how long to wait: the lock's remaining 15 minutes, in seconds.
            let retryAfter = try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                                      body: ByteBuffer(string: #"{"username":"desk","password":"correct horse 1"}"#)) {
                $0.headers[.retryAfter]
            }
            #expect(retryAfter == String(15 * 60))
            desk.clock.advance(5 * 60)
            let page = try await client.execute(uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                body: ByteBuffer(string: "username=desk&password=correct+horse+1")) { $0 }
            #expect(page.status == .tooManyRequests)
            #expect(page.headers[.retryAfter] == String(10 * 60))
            desk.clock.advance(10 * 60)
            let later = try await attempt("desk", "correct horse 1")
            #expect(later == .noContent)
        }
    }

    @Test("Wrong sign-ins sent at once cannot outrun the lock: of 20 concurrent attempts at most 5 are checked (401), the others are refused (429)")
    func concurrentLockout() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                                 body: ByteBuffer(string: #"{"username":"desk","password":"wrong horse 12"}"#)) { $0.status }
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.count == 20)
            #expect(statuses.filter { $0 == .unauthorized }.count <= 5, "the lock allows five failures")
            #expect(statuses.filter { $0 == .unauthorized }.count >= 1)
            #expect(statuses.allSatisfy { $0 == .unauthorized || $0 == .tooManyRequests }, "\(statuses)")
        }
    }
}
