import Foundation
@testable import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import LedgerSQLite
import Testing
import Workflows

/// Every state-changing route the router answers (``RouteCatalog/stateChanging()``),
/// forged three ways by an admin's browser: each is refused with 403 and the ledger is
/// as it was; the same request made right then goes through.
@Suite("Front desk: CSRF on every state-changing route")
struct CSRFEveryRouteTests {
    enum Forgery: String, CaseIterable, Sendable { case missingToken, otherSessionsToken, crossSiteOrigin }

    /// One route forged one way.
    struct Attempt: Sendable, CustomTestStringConvertible {
        var route: RegisteredRoute
        var forgery: Forgery
        var testDescription: String { "\(route) \(forgery)" }
    }

    /// Each state-changing route with each forgery that applies: a sign-in has no session
    /// (so no token to forge); its guard is the same-site check.
    static func attempts() async throws -> [Attempt] {
        try await RouteCatalog.stateChanging().flatMap { route in
            Forgery.allCases.compactMap { forgery in
                RouteCatalog.sessionless[route.description] == .signIn && forgery != .crossSiteOrigin
                    ? nil : Attempt(route: route, forgery: forgery)
            }
        }
    }

    @Test("Every state-changing route open to anyone is a sign-in or the client's accept form (guarded by a double-submit token)")
    func sessionless() async throws {
        let open = try await RouteCatalog.stateChanging().filter { $0.access == .anyone }.map(\.description)
        #expect(Set(open) == Set(RouteCatalog.sessionless.keys))
    }

    @Test("A forged state-changing request is refused with 403 and changes nothing; made right, it goes through",
          arguments: try await attempts())
    func forged(_ attempt: Attempt) async throws {
        let desk = try await WebFixture()
        try await RouteWorld.accounts(desk)
        try await desk.test(for: attempt.route) { client in
            let world = try await RouteWorld.prepare(client, desk, job: attempt.route.parameters.contains("job"))
            let path = try world.path(attempt.route)
            let before = try await Self.snapshot(desk.store, world)
            let forged = try await Self.request(client, attempt.route, path: path, world: world, forgery: attempt.forgery)
            for request in forged {
                try await request.send(client) { response in
                    #expect(response.status == .forbidden, "\(response.status) \(response.body.text.prefix(200))")
                    #expect(response.headers[.setCookie]?.contains("session=") != true)
                    #expect(response.headers[.location] == nil)
                }
            }
            #expect(try await Self.snapshot(desk.store, world) == before)
            let right = try await Self.request(client, attempt.route, path: path, world: world, forgery: nil)
            try await right[0].send(client) { response in
                if RouteRequest.knownBodies[attempt.route.description] != nil {
                    #expect(response.status.code < 400, "made right: \(response.status) \(response.body.text.prefix(300))")
                } else {
                    #expect(response.status != .forbidden && response.status.code < 500, "made right: \(response.status)")
                }
            }
        }
    }

    /// The forged requests of `forgery` (nil: the request made right) for `route`, from the
    /// admin's browser; another session's token is the other location's clerk's.
    static func request(_ client: any TestClientProtocol, _ route: RegisteredRoute, path: String, world: RouteWorld,
                        forgery: Forgery?) async throws -> [RouteRequest] {
        let admin = try #require(world.browsers[.admin]), other = try #require(world.browsers[.otherClerk])
        if RouteCatalog.sessionless[route.description] == .doubleSubmit {
            return try await doubleSubmit(client, route, path: path, world: world, forgery: forgery)
        }
        switch forgery {
        case nil: return [RouteRequest(route, path: path, browser: admin)]
        case .missingToken: return [RouteRequest(route, path: path, browser: admin, token: .missing)]
        case .otherSessionsToken: return [RouteRequest(route, path: path, browser: admin, token: .other(other.csrf))]
        case .crossSiteOrigin:
            var fetch = RouteRequest(route, path: path, browser: admin, origin: nil)
            fetch.headers[RequestGuard.fetchSite] = "cross-site"
            return [RouteRequest(route, path: path, browser: admin, origin: "https://evil.example"),
                    RouteRequest(route, path: path, browser: admin, origin: "null"), fetch]
        }
    }

    /// The client's accept form: its token is the pair of the `spaquote_link_form` cookie
    /// and the form's `csrf` field, each page opening giving its own.
    static func doubleSubmit(_ client: any TestClientProtocol, _ route: RegisteredRoute, path: String, world: RouteWorld,
                             forgery: Forgery?) async throws -> [RouteRequest] {
        let mine = try #require(try await ClientLinkTests.open(client, world.token).formToken)
        let theirs = try #require(try await ClientLinkTests.open(client, world.token).formToken)
        #expect(mine != theirs)
        var request = RouteRequest(route, path: path, browser: nil, token: .missing,
                                   origin: forgery == .crossSiteOrigin ? "https://evil.example" : "http://localhost")
        request.headers[.cookie] = "spaquote_link_form=\(mine)"
        let field: String? = switch forgery {
        case nil, .crossSiteOrigin: mine
        case .missingToken: nil
        case .otherSessionsToken: theirs
        }
        let name = "name=\(RouteWorld.bodyClient.replacingOccurrences(of: " ", with: "+"))"
        request.body = ByteBuffer(string: field.map { "csrf=\($0)&" + name } ?? name)
        return [request]
    }

    /// What a forged request could change: the quotes and their status, the quote's link,
    /// the actors' sessions, the accounts.
    static func snapshot(_ store: SQLiteStore, _ world: RouteWorld) async throws -> [String] {
        var lines = try await store.entries(matching: .all, after: nil, limit: 10_000).map { entry in
            "\(entry.quote.quoteID) \(entry.quote.request.status.rawValue) \(entry.quote.request.acceptedOn?.description ?? "-")"
        }
        let link = try await store.shareLink(quote: try #require(QuoteNumber(world.quoteID)))
        lines.append("link \(link?.tokenHash ?? "-") \(link?.revoked.map { "\($0)" } ?? "-") \(link?.acceptance?.name ?? "-")")
        for (actor, browser) in world.browsers.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let id = String(browser.cookie.split(separator: "=", maxSplits: 1).last ?? "")
            let session = try await store.session(idHash: Secret.hash(id))
            lines.append("session \(actor) \(session?.csrfToken == browser.csrf)")
        }
        lines += try await store.accounts().map { "account \($0.name) \($0.role) \($0.disabled)" }
        return lines
    }
}
