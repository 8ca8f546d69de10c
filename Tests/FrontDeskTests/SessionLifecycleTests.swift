import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import LedgerSQLite
import Testing
import Workflows

extension WebFixture {
    /// A front desk over the SQLite ledger file `path` (made when missing), so that another
    /// connection (a command such as `user disable`) can change the same ledger.
    init(ledgerFile path: String, idleTimeout: Int64 = 3600) async throws {
        store = try await SQLiteStore.open(path: path, create: true)
        clock = TestClock(now: 1_793_000_000)
        settings = ServerSettings(pricingPath: Self.pricingPath, ledger: .file(path: path), idleTimeout: idleTimeout)
    }
}

extension Browser {
    /// The session cookie's value (the session id).
    var sessionID: String { String(cookie.split(separator: "=", maxSplits: 1).last ?? "") }
}

/// A session's life on the server, checked against the ledger's sessions: made new at
/// sign-in whatever id the browser brought, ended by signing out, by idling, and by the
/// account being disabled.
@Suite("Front desk: a session's life in the ledger")
struct SessionLifecycleTests {
    /// The session id a browser holds before it signs in.
    enum Planted: String, CaseIterable, Sendable {
        /// Chosen by an attacker who set the cookie (never a session).
        case attackerChosen
        /// The same account's earlier session.
        case earlierSession
        /// Another account's session (a shared computer).
        case otherAccountsSession
    }

    enum SignInRoute: String, CaseIterable, Sendable { case api, form }

    /// Signs `name` in through `route` with the cookie `planted`; the new session id.
    static func signIn(_ client: any TestClientProtocol, _ route: SignInRoute, _ name: String, planted: String) async throws -> String {
        let (uri, type, body) = route == .api
            ? ("/api/v1/session", "application/json", #"{"username":"\#(name)","password":"correct horse 1"}"#)
            : ("/signin", "application/x-www-form-urlencoded", "username=\(name)&password=correct+horse+1")
        return try await client.execute(uri: uri, method: .post, headers: [.contentType: type, .cookie: "spaquote_session=\(planted)"],
                                        body: ByteBuffer(string: body)) { response in
            #expect(response.status == (route == .api ? .noContent : .seeOther))
            let set = try #require(response.headers[.setCookie])
            return try #require(set.firstMatch(of: /^spaquote_session=([A-Za-z0-9_-]+);/).map { String($0.1) })
        }
    }

    @Test("A session id held before sign-in is replaced at sign-in: the ledger holds the new one only, and the old opens nothing",
          arguments: Planted.allCases, SignInRoute.allCases)
    func replacedAtSignIn(_ planted: Planted, _ route: SignInRoute) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.account("other")
        try await desk.test { client in
            let old: String = switch planted {
            case .attackerChosen: Secret.token()
            case .earlierSession: try await Browser.signIn(client, "desk").sessionID
            case .otherAccountsSession: try await Browser.signIn(client, "other").sessionID
            }
            let new = try await Self.signIn(client, route, "desk", planted: old)
            #expect(new != old && new.utf8.count >= 43)
            #expect(try await desk.store.session(idHash: Secret.hash(old)) == nil)
            #expect(try await desk.store.session(idHash: Secret.hash(new))?.user == "desk")
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: "spaquote_session=\(old)"]) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: "spaquote_session=\(new)"]) {
                #expect($0.status == .ok)
            }
        }
    }

    enum SignOut: String, CaseIterable, Sendable { case api, form }

    @Test("Signing out ends the session in the ledger: its cookie and CSRF token then open nothing; the account's other sessions go on",
          arguments: SignOut.allCases)
    func signOut(_ how: SignOut) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk", at: ["downtown"])
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk"), elsewhere = try await Browser.signIn(client, "desk")
            #expect(try await desk.store.session(idHash: Secret.hash(browser.sessionID)) != nil)
            let (uri, method) = how == .api ? ("/api/v1/session", HTTPRequest.Method.delete) : ("/signout", .post)
            var headers = browser.headers(json: how == .api)
            if how == .form { headers[.contentType] = "application/x-www-form-urlencoded" }
            try await client.execute(uri: uri, method: method, headers: headers,
                                     body: ByteBuffer(string: how == .form ? "csrf=\(browser.csrf)" : "")) { response in
                #expect(response.status == (how == .api ? .noContent : .seeOther))
                #expect(response.headers[.setCookie]?.contains("Max-Age=0") == true)
            }
            #expect(try await desk.store.session(idHash: Secret.hash(browser.sessionID)) == nil)
            try await Self.refused(client, browser, desk: desk)
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: elsewhere.cookie]) { #expect($0.status == .ok) }
        }
    }

    /// `browser`'s cookie opens nothing: the API answers 401, a page sends to sign-in, and a
    /// save with its CSRF token is refused and saves nothing.
    static func refused(_ client: any TestClientProtocol, _ browser: Browser, desk: WebFixture) async throws {
        try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: browser.cookie]) { #expect($0.status == .unauthorized) }
        try await client.execute(uri: "/quotes", method: .get, headers: [.cookie: browser.cookie]) { response in
            #expect(response.status == .seeOther && response.headers[.location] == "/signin")
        }
        let before = try await desk.store.summary().quotes
        try await client.execute(uri: "/api/v1/quotes", method: .post, headers: browser.headers(), body: Body.request()) {
            #expect($0.status == .unauthorized)
        }
        #expect(try await desk.store.summary().quotes == before)
    }

    @Test("A session idle past the timeout is refused on the API and the pages, and ended in the ledger; the next sign-in sweeps idle ones")
    func idle() async throws {
        let desk = try await WebFixture(idleTimeout: 600)
        try await desk.account("desk", at: ["downtown"])
        try await desk.account("other")
        try await desk.test { client in
            let first = try await Browser.signIn(client, "desk"), second = try await Browser.signIn(client, "desk")
            desk.clock.advance(601)
            try await Self.refused(client, first, desk: desk)
            #expect(try await desk.store.session(idHash: Secret.hash(first.sessionID)) == nil)
            #expect(try await desk.store.session(idHash: Secret.hash(second.sessionID)) != nil)   // not used since: still stored
            _ = try await Browser.signIn(client, "other")
            #expect(try await desk.store.session(idHash: Secret.hash(second.sessionID)) == nil)   // swept
        }
    }

    enum Credential: String, CaseIterable, Sendable { case cookie, token }

    @Test("user disable, run on the ledger while the server runs, ends the account's sessions at once: its next request is refused",
          arguments: Credential.allCases)
    func disabledElsewhere(_ credential: Credential) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sessions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let desk = try await WebFixture(ledgerFile: path)
        try await desk.account("desk", at: ["downtown"])
        try await desk.account("other", at: ["downtown"])
        let token = try await desk.token("desk")
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk"), other = try await Browser.signIn(client, "other")
            let headers: HTTPFields = credential == .token
                ? [.authorization: "Bearer \(token)", .contentType: "application/json"] : browser.headers()
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: headers) { #expect($0.status == .ok) }
            // What `spaquote user disable desk --ledger FILE` does, over its own connection to the file.
            let command = try await SQLiteStore.open(path: path, create: false)
            try await AccountBook(store: command, bcryptCost: 4).disable(name: "desk")
            #expect(try await desk.store.session(idHash: Secret.hash(browser.sessionID)) == nil)
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: headers) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: headers, body: Body.request()) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/quotes", method: .get, headers: credential == .token ? headers : [.cookie: browser.cookie]) {
                #expect($0.status == .seeOther && $0.headers[.location] == "/signin")
            }
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: other.cookie]) { #expect($0.status == .ok) }
        }
        #expect(try await desk.store.summary().quotes == 0)
    }
}
