import Foundation
@testable import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import LedgerSQLite
import Pricing
import Testing
import Workflows

/// The routes the front desk's router answers, read from the router itself: the route
/// table of a desk built as ``FrontDesk/application(settings:store:clock:bcrypt:onListening:)``
/// builds it (``RouteTable/build(_:)``). A route added later is in these lists without
/// anyone writing it down.
enum RouteCatalog {
    /// A desk over an empty in-memory ledger and the example rate card.
    static func desk() async throws -> Desk {
        let store = try await SQLiteStore.inMemory()
        return Desk(settings: ServerSettings(pricingPath: WebFixture.pricingPath, ledger: .file(path: ":memory:")),
                    card: try RateCard.load(path: WebFixture.pricingPath), ledger: store, accounts: store,
                    clock: .system, bcrypt: BcryptGate(), pages: try await FrontDesk.templates(),
                    stylesheet: "", script: "", openAPI: "")
    }

    /// Every route, as the table registered it (the router answers these and no other:
    /// ``RouteTable/unregistered()`` is empty, or `build` throws).
    static func all() async throws -> [RegisteredRoute] {
        try RouteTable.build(try await desk()).inventory.all
    }

    /// The routes answered by a handler behind the access rule (not the 405s of the API).
    static func handled() async throws -> [RegisteredRoute] {
        try await all().filter { $0.access != nil }
    }

    /// The handled routes whose method changes state (POST, PUT, PATCH, DELETE).
    static func stateChanging() async throws -> [RegisteredRoute] {
        try await handled().filter { RequestGuard.changesState($0.method) }
    }

    /// The state-changing routes open to anyone, and what guards each in place of the
    /// session's CSRF token. Any other such route fails ``CSRFEveryRouteTests``.
    static let sessionless: [String: SessionlessGuard] = [
        "POST /api/v1/session": .signIn, "POST /signin": .signIn, "POST /c/{token}/accept": .doubleSubmit,
    ]

    enum SessionlessGuard: Sendable { case signIn, doubleSubmit }

    /// The routes anyone may request without signing in; any other route declared
    /// ``Access/anyone`` fails ``RouteEnumerationTests``.
    static let public_: Set<String> = [
        "GET /healthz", "GET /static/frontdesk.css", "GET /static/frontdesk.js", "GET /api/v1/openapi.json", "GET /",
        "GET /signin", "POST /signin", "POST /api/v1/session",
        "GET /c/{token}", "POST /c/{token}/accept", "GET /c/{token}/quote.pdf", "GET /c/{token}/quote.xlsx",
    ]
}

extension RegisteredRoute: CustomTestStringConvertible {
    public var testDescription: String { description }
    var isAPI: Bool { path.hasPrefix("/api/") }
    /// The names of the path's parameters (`{id}` gives `id`).
    var parameters: [String] {
        path.matches(of: /\{([A-Za-z0-9_]+)\}/).map { String($0.1) }
    }
}

/// Who requests a route in the tests: nobody, a clerk and a manager of the other
/// location (uptown), and the clerk, manager and admin who see the quote (downtown).
enum Actor: String, CaseIterable, Sendable {
    case signedOut, otherClerk, otherManager, clerk, manager, admin

    /// The account's name in ``RouteWorld``; nil when signed out.
    var account: String? {
        switch self {
        case .signedOut: nil
        case .otherClerk: "up"
        case .otherManager: "upmgr"
        case .clerk: "down"
        case .manager: "mgr"
        case .admin: "boss"
        }
    }
}

/// A ledger with one quote at downtown (its client link), the five accounts of ``Actor``
/// signed in, and, when asked, a finished batch of the downtown manager: the values every
/// route's path parameters are filled with.
struct RouteWorld: Sendable {
    /// The saved quote's client: it must never show to someone who may not see the quote.
    static let client = "Secret Sadie"
    /// The client of the request bodies the tests send (not the saved quote's).
    static let bodyClient = "Body Bea"

    var browsers: [Actor: Browser]
    var accounts: [Actor: Account]
    var quoteID: String
    var token: String
    /// The saved quote's total as pages show it.
    var total: String
    var job: String?

    /// Adds the accounts of ``Actor``.
    static func accounts(_ desk: WebFixture) async throws {
        try await desk.account("down", at: ["downtown"])
        try await desk.account("up", at: ["uptown"])
        try await desk.account("mgr", .manager, at: ["downtown"])
        try await desk.account("upmgr", .manager, at: ["uptown"])
        try await desk.account("boss", .admin)
    }

    /// Signs every account in, saves the quote (as the downtown clerk) and, with `job`, runs
    /// a batch as the downtown manager to its end.
    static func prepare(_ client: any TestClientProtocol, _ desk: WebFixture, job: Bool) async throws -> RouteWorld {
        var browsers: [Actor: Browser] = [:], accounts: [Actor: Account] = [:]
        for actor in Actor.allCases {
            guard let name = actor.account else { continue }
            browsers[actor] = try await Browser.signIn(client, name)
            accounts[actor] = try await desk.store.account(named: name)
        }
        let clerk = try #require(browsers[.clerk])
        let (id, token) = try await client.execute(uri: "/api/v1/quotes", method: .post, headers: clerk.headers(),
                                                   body: Body.request(client: Self.client)) { response in
            #expect(response.status == .created)
            let text = response.body.text
            let url = try #require(text.firstMatch(of: /"share_url": "\/c\/([A-Za-z0-9_-]+)"/)?.1)
            let id = try #require(text.firstMatch(of: /"quote_id": "(Q-[0-9-]+)"/)?.1)
            return (String(id), String(url))
        }
        let total = try await desk.store.entry(try #require(QuoteNumber(id))).quote.total.description
        var world = RouteWorld(browsers: browsers, accounts: accounts, quoteID: id, token: token, total: total)
        if job {
            let manager = try #require(browsers[.manager])
            let (status, location) = try await manager.upload(client, try WebFixture.example("requests.csv"))
            #expect(status == .seeOther)
            _ = try await manager.finished(client, location)
            world.job = String(location.dropFirst("/batches/".count))
        }
        return world
    }

    /// The value of path parameter `name`: the quote's id, the link's token, the batch's id.
    func value(of name: String) -> String? {
        switch name {
        case "id": quoteID
        case "token": token
        case "job": job
        default: nil
        }
    }

    /// The value of `name` that names nothing (as unknown as the real one is known).
    static func unknown(_ name: String) -> String {
        switch name {
        case "id": "Q-2026-000099"
        case "token", "job": Secret.token()
        default: "unknown"
        }
    }

    /// `route`'s path with each parameter filled with `fill(name)`.
    static func path(_ route: RegisteredRoute, _ fill: (String) throws -> String) rethrows -> String {
        var path = route.path
        for name in route.parameters { path = path.replacingOccurrences(of: "{\(name)}", with: try fill(name)) }
        return path
    }

    /// `route`'s path filled with this world's values; a parameter it has none for fails the test.
    func path(_ route: RegisteredRoute) throws -> String {
        try Self.path(route) { name in
            try #require(value(of: name), "no value for the parameter \(name) of \(route): give RouteWorld one")
        }
    }

    /// Whether any part of the saved quote (client, id, total) is in `text`.
    func showsQuote(_ text: String) -> Bool {
        text.contains(Self.client) || text.contains(quoteID) || text.contains(total)
    }
}

extension WebFixture {
    /// Runs `body` in process, or served on loopback when `route` touches batches: the
    /// server's services then run, and its stop removes the batches' folders.
    func test<T: Sendable>(for route: RegisteredRoute, _ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        route.path.hasPrefix("/batches") ? try await testLive(body) : try await test(body)
    }
}
