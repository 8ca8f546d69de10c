import Logging
import Foundation
import Hummingbird
import HummingbirdTLS
import Ledger
import Mustache
import Pricing
import Workflows

/// The web front desk (`spaquote serve`, SPEC section 9): pages and the JSON API over one
/// ledger. The command opens the ledger and runs the application (`runService()`, which
/// ends gracefully on SIGTERM and SIGINT); this library installs no signal handler and
/// writes nothing to the terminal.
public enum FrontDesk {
    /// The application serving `settings` over `store` (quotes, accounts and sessions):
    /// the rate card is loaded from ``ServerSettings/pricingPath`` and the templates from
    /// the module's resources. `onListening` is called with the port once the server
    /// listens (port 0 in the settings picks a free one). Every bcrypt computation of the
    /// server (sign-ins) waits its turn at `bcrypt` (two at once, 32 waiting by default).
    /// Tests run the same application in process (`app.test(.router)`). `onAuditFailure` is
    /// told when an audit event could not be added (the action it records stands).
    ///
    /// With ``ServerSettings/tls`` it answers HTTPS only (TLS 1.2 or later), from the PEM files
    /// read here: before it listens.
    ///
    /// - Throws: ``PricingError`` for a rate card that cannot be used; ``TLSFilesError`` for a
    ///   certificate or key file that cannot be used; an error naming a template that does not
    ///   parse; 500 naming a route registered on the router without its access rule
    ///   (``RouteTable/build(_:)``).
    public static func application(settings: ServerSettings, store: any LedgerStore & AccountStore,
                                   clock: FrontDeskClock = .system, bcrypt: BcryptGate = BcryptGate(),
                                   onAuditFailure: @escaping @Sendable (String) -> Void = { _ in },
                                   onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws -> some ApplicationProtocol {
        let card = try RateCard.load(path: settings.pricingPath, isolation: settings.parserIsolation)
        store.keepLookups()
        let tls = try settings.tls?.configuration()
        let desk = Desk(settings: settings, card: card, ledger: store, accounts: store, clock: clock, bcrypt: bcrypt,
                        pages: try await templates(), stylesheet: try resource("Static/frontdesk.css"),
                        script: try resource("Static/frontdesk.js"),
                        openAPI: try resource("Static/openapi.json"), onAuditFailure: onAuditFailure)
        let router = try RouteTable.build(desk).router
        let app = Application(router: router,
                              server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
                              configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
                              services: [BatchCleanup(jobs: desk.batches, clock: clock)],
                              onServerRunning: { channel in onListening(channel.localAddress?.port ?? settings.port) },
                              logger: Logger(label: "spaquote.frontdesk", factory: { _ in SwiftLogNoOpLogHandler() }))
        return app
    }

    /// The page templates (`Templates/*.mustache`).
    static func templates() async throws -> MustacheLibrary {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("Templates").path else {
            throw FrontDeskError(.internalServerError, "the front desk's templates are missing from its resources")
        }
        MustacheContentTypes.register(ScalarHTML(), named: ScalarHTML.name)   // idempotent: the templates select it by name
        return try await MustacheLibrary(directory: directory)
    }

    /// The text of the resource at `path` (under the module's resources).
    static func resource(_ path: String) throws -> String {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent(path) else {
            throw FrontDeskError(.internalServerError, "the front desk's resource \(path) is missing")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}

extension RouteTable {
    /// Every route of the front desk.
    func addAll() {
        let desk = desk
        // First: a middleware applies only to the routes added after it (and to unknown paths).
        router.add(middleware: ResponseHeaders(desk: desk))
        add(.get, "/healthz", needs: .anyone) { _ in
            Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        add(.get, "/static/frontdesk.css", needs: .anyone) { _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: desk.stylesheet)))
        }
        addAPI()
        addPages()
        addLivePricing()
        addLinks()
        addSession()
        addBatches()
        addReports()
        addAudit()
        addPricing()
        addMethodNotAllowed()   // last: it needs every API route
    }
}
