import Foundation
@testable import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import Testing

/// Every route the router answers, read from the router (``RouteCatalog``), requested
/// signed out, by a clerk and a manager of another location, and by each role: a route
/// added later is requested too, and one added outside the route table is named.
@Suite("Front desk: every route under the access rule")
struct RouteEnumerationTests {
    @Test("The router answers exactly the routes the route table registered, each once, with its rule")
    func inventory() async throws {
        let table = try RouteTable.build(try await RouteCatalog.desk())
        let routes = table.inventory.all
        #expect(table.unregistered().isEmpty)
        #expect(Set(routes.map(\.description)).count == routes.count, "a route registered twice")
        #expect(Set(table.router.routes.map { "\($0.method) \($0.path)" }) == Set(routes.map(\.description)))
        // Known routes are there (the enumeration is not empty or partial).
        for known in ["GET /quotes/{id}", "POST /batches", "GET /c/{token}", "DELETE /api/v1/session", "PUT /api/v1/quotes"] {
            #expect(routes.contains { $0.description == known }, "\(known)")
        }
    }

    /// Ways a route can be added around the route table.
    enum Rogue: String, CaseIterable, Sendable {
        case get, postWithParameter, methodOnKnownPath, group

        /// Adds the route to `router`; returns how the check must name it.
        func add(to router: Router<FrontDeskContext>) -> String {
            switch self {
            case .get:
                router.get("/rogue") { _, _ in "secret" }
                return "GET /rogue"
            case .postWithParameter:
                router.post("/quotes/:id/rogue") { _, _ in "secret" }
                return "POST /quotes/{id}/rogue"
            case .methodOnKnownPath:
                router.on("/quotes/:id", method: .put) { _, _ in "secret" }
                return "PUT /quotes/{id}"
            case .group:
                router.group("/admin").get("users") { _, _ in "secret" }
                return "GET /admin/users"
            }
        }
    }

    @Test("A route registered on the router directly, not through the route table, is named by the check", arguments: Rogue.allCases)
    func rogue(_ rogue: Rogue) async throws {
        let table = try RouteTable.build(try await RouteCatalog.desk())
        let name = rogue.add(to: table.router)
        #expect(table.unregistered() == [name])
        #expect(throws: FrontDeskError.self) { try table.check() }
        do { try table.check() } catch { #expect(error.reason.contains(name)) }
    }

    @Test("The routes open to anyone are the sign-in, the client's link, the health check, the static files and the API document")
    func publicRoutes() async throws {
        let open = try await RouteCatalog.handled().filter { $0.access == .anyone }.map(\.description)
        #expect(Set(open) == RouteCatalog.public_)
    }

    @Test("Each route answers by the access rule: signed out, another location's clerk and manager, clerk, manager, admin",
          arguments: try await RouteCatalog.handled())
    func everyCaller(_ route: RegisteredRoute) async throws {
        let access = try #require(route.access)
        let desk = try await WebFixture()
        try await RouteWorld.accounts(desk)
        try await desk.test(for: route) { client in
            let world = try await RouteWorld.prepare(client, desk, job: route.parameters.contains("job"))
            let path = try world.path(route)
            try await Self.signedOut(client, route, access: access, path: path, world: world)
            for actor in [Actor.otherClerk, .otherManager] {
                try await Self.otherLocation(client, route, access: access, actor: actor, path: path, world: world)
            }
            for actor in [Actor.clerk, .manager, .admin] {
                let account = try #require(world.accounts[actor])
                let (status, text) = try await RouteRequest(route, path: path, browser: world.browsers[actor]).send(client) {
                    ($0.status, $0.body.text)
                }
                #expect(status.code < 500, "\(actor): \(status) \(text.prefix(300))")
                if case let .capability(needed) = access, !account.may(needed) {
                    #expect(status == .forbidden, "\(actor) lacks \(needed)")
                    #expect(!text.contains(RouteWorld.client))
                } else {
                    #expect(status != .unauthorized && status != .forbidden || access == .anyone, "\(actor): \(status)")
                }
            }
        }
    }

    /// Signed out: a route open to anyone answers without failing; any other refuses
    /// (401 on the API, a 303 to the sign-in page for a page) and shows nothing of the quote.
    static func signedOut(_ client: any TestClientProtocol, _ route: RegisteredRoute, access: Access, path: String,
                          world: RouteWorld) async throws {
        let (status, location, text) = try await RouteRequest(route, path: path, browser: nil).send(client) {
            ($0.status, $0.headers[.location], $0.body.text)
        }
        #expect(status.code < 500, "signed out: \(status)")
        if access == .anyone {
            #expect(RouteCatalog.public_.contains(route.description), "\(route) is open to anyone: give it an access rule")
            // The link's token is the client's key: its routes show the quote; no other open route does.
            if !route.parameters.contains("token") { #expect(!text.contains(RouteWorld.client)) }
            return
        }
        if route.isAPI {
            #expect(status == .unauthorized, "signed out: \(status)")
        } else {
            #expect(status == .seeOther && location == "/signin", "signed out: \(status) \(location ?? "")")
        }
        #expect(!text.contains(RouteWorld.client) && !text.contains(world.total))
    }

    /// Another location's account: refused by role (403) when it lacks the capability; for a
    /// path naming the quote or the batch, the same 404 as for an unknown one (its content never).
    static func otherLocation(_ client: any TestClientProtocol, _ route: RegisteredRoute, access: Access, actor: Actor,
                              path: String, world: RouteWorld) async throws {
        let account = try #require(world.accounts[actor]), browser = world.browsers[actor]
        let (status, text) = try await RouteRequest(route, path: path, browser: browser).send(client) { ($0.status, $0.body.text) }
        #expect(status.code < 500, "\(actor): \(status)")
        if !route.parameters.contains("token") { #expect(!text.contains(RouteWorld.client), "\(actor) sees the quote") }
        if case let .capability(needed) = access, !account.may(needed) {
            #expect(status == .forbidden, "\(actor) lacks \(needed)")
            return
        }
        let hidden = route.parameters.filter { $0 == "id" || $0 == "job" }
        guard !hidden.isEmpty else { return }
        var unknownValues: [String: String] = [:]
        let unknownPath = try RouteWorld.path(route) { name in
            guard hidden.contains(name) else { return try #require(world.value(of: name)) }
            let value = RouteWorld.unknown(name)
            unknownValues[name] = value
            return value
        }
        let (unknownStatus, unknownText) = try await RouteRequest(route, path: unknownPath, browser: browser).send(client) {
            ($0.status, $0.body.text)
        }
        #expect(status == .notFound, "\(actor): \(status) \(text.prefix(300))")
        var masked = text
        for name in hidden {
            if let real = world.value(of: name), let unknown = unknownValues[name] { masked = masked.replacingOccurrences(of: real, with: unknown) }
        }
        #expect(status == unknownStatus && masked == unknownText, "\(actor): not as for an unknown \(hidden)")
        #expect(!text.contains(world.total) || unknownText.contains(world.total))
    }

    @Test("A quote named in a query (the new-quote form's from) answers another location's clerk as an unknown quote does")
    func queryNamingQuote() async throws {
        let desk = try await WebFixture()
        try await RouteWorld.accounts(desk)
        try await desk.test { client in
            let world = try await RouteWorld.prepare(client, desk, job: false)
            let other = try #require(world.browsers[.otherClerk]), clerk = try #require(world.browsers[.clerk])
            let get = { (browser: Browser, id: String) in
                try await client.execute(uri: "/quotes/new?from=\(id)", method: .get, headers: [.cookie: browser.cookie]) {
                    ($0.status, $0.body.text)
                }
            }
            let (status, text) = try await get(other, world.quoteID), (unknownStatus, unknownText) = try await get(other, "Q-2026-000099")
            #expect(status == .notFound && !text.contains(RouteWorld.client))
            #expect(status == unknownStatus && text.replacingOccurrences(of: world.quoteID, with: "Q-2026-000099") == unknownText)
            let (own, ownText) = try await get(clerk, world.quoteID)
            #expect(own == .ok && ownText.contains(RouteWorld.client))
        }
    }

    @Test("A method an API path does not take answers 405 with Allow to every caller, signed in or not",
          arguments: try await RouteCatalog.all().filter { $0.access == nil })
    func methodNotAllowed(_ route: RegisteredRoute) async throws {
        let desk = try await WebFixture()
        try await RouteWorld.accounts(desk)
        try await desk.test(for: route) { client in
            let world = try await RouteWorld.prepare(client, desk, job: route.parameters.contains("job"))
            let path = try world.path(route)
            for actor in Actor.allCases {
                try await RouteRequest(route, path: path, browser: world.browsers[actor]).send(client) { response in
                    #expect(response.status == .methodNotAllowed, "\(actor)")
                    #expect(response.headers[.allow]?.isEmpty == false)
                    #expect(!response.body.text.contains(RouteWorld.client))
                }
            }
        }
    }
}
