import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import LedgerSQLite
import Pricing
import Synchronization
import Testing
import Workflows

/// A front desk over an in-memory SQLite ledger, the example rate card and a clock the
/// test moves; accounts made through ``AccountBook`` (bcrypt cost 4).
struct WebFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let pricingPath = packageRoot.appendingPathComponent("Examples/pricing.toml").path
    static let today = LocalDate(iso: "2026-11-02")!

    let store: SQLiteStore
    let clock: TestClock
    var settings: ServerSettings

    init(idleTimeout: Int64 = 3600) async throws {
        store = try await SQLiteStore.inMemory()
        clock = TestClock(now: 1_793_000_000)
        settings = ServerSettings(pricingPath: Self.pricingPath, ledger: .file(path: ":memory:"), idleTimeout: idleTimeout)
    }

    /// Runs `body` with a client of the application, in process.
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let clock = clock
        let app = try await FrontDesk.application(
            settings: settings, store: store,
            clock: FrontDeskClock(now: { clock.now }, today: { WebFixture.today }, sleep: { clock.sleep($0) }))
        return try await app.test(.router, body)
    }
}

/// A clock a test sets. A wait (a slowed-down sign-in) returns at once: it is written
/// down in ``slept`` and moves the clock on by its seconds.
final class TestClock: Sendable {
    private let value: Mutex<(now: Int64, slept: [Int64])>
    init(now: Int64) { value = Mutex((now, [])) }
    var now: Int64 { value.withLock { $0.now } }
    /// The waits so far, in seconds, in the order they began.
    var slept: [Int64] { value.withLock { $0.slept } }
    func advance(_ seconds: Int64) { value.withLock { $0.now += seconds } }
    func sleep(_ seconds: Int64) { value.withLock { $0.now += seconds; $0.slept.append(seconds) } }
}

extension ByteBuffer {
    var text: String { String(buffer: self) }
}

extension WebFixture {
    /// Adds an account through ``AccountBook`` (bcrypt cost 4).
    @discardableResult
    func account(_ name: String, _ role: Role = .clerk, at locations: [String] = [], password: String = "correct horse 1") async throws -> Account {
        try await AccountBook(store: store, bcryptCost: 4).add(name: name, role: role, locations: locations, password: password)
    }

    /// An API token for `name`.
    func token(_ name: String) async throws -> String {
        try await AccountBook(store: store, bcryptCost: 4).newToken(for: name, at: clock.now)
    }
}

/// A signed-in browser: its cookie and the session's CSRF token.
struct Browser: Sendable {
    var cookie: String
    var csrf: String

    /// Signs `name` in through `POST /api/v1/session`.
    static func signIn(_ client: any TestClientProtocol, _ name: String, password: String = "correct horse 1",
                       cookie: String? = nil) async throws -> Browser {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: "/api/v1/session", method: .post, headers: headers,
                                        body: ByteBuffer(string: #"{"username":"\#(name)","password":"\#(password)"}"#)) { response in
            #expect(response.status == .noContent)
            let set = response.headers[.setCookie] ?? ""
            let cookie = String(set.split(separator: ";").first ?? "")
            return Browser(cookie: cookie, csrf: response.headers[HTTPFields.Element.Name("X-CSRF-Token")!] ?? "")
        }
    }

    /// Headers of a request from this browser (same-site), with the CSRF token unless `csrf` says otherwise.
    func headers(csrf: String? = nil, json: Bool = true) -> HTTPFields {
        var h: HTTPFields = [.cookie: cookie, .origin: "http://localhost", HTTPFields.Element.Name("X-CSRF-Token")!: csrf ?? self.csrf]
        if json { h[.contentType] = "application/json" }
        return h
    }

    /// Same as ``headers(csrf:json:)`` without any CSRF token.
    var headersWithoutCSRF: HTTPFields { [.cookie: cookie, .contentType: "application/json"] }
}

/// Request bodies of the tests.
enum Body {
    static func request(location: String = "downtown", client: String = "Ada Client", extra: String = "") -> ByteBuffer {
        ByteBuffer(string: #"{"client":"\#(client)","location":"\#(location)","tier":"senior","areas":["face","neck"],"sessions":3\#(extra)}"#)
    }
}
