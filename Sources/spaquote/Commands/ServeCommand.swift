import ArgumentParser
import FrontDesk
import Ledger
import Pricing
import Workflows

/// `spaquote serve`: the web front desk and its JSON API over the ledger (SPEC section 9).
/// Parses, opens the ledger and runs the server until SIGTERM or SIGINT, which end it
/// gracefully (requests under way finish); the batch path's signal handlers are not
/// installed for this command (``Spaquote/main()``).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the front desk's pages and JSON API.",
        discussion: "Listens on 127.0.0.1:8080 unless told otherwise; put a TLS proxy in front of it for other machines "
            + "and add --secure-cookies. Accounts come from 'spaquote user add'. SIGTERM or SIGINT stops it gracefully."
    )

    @Option(help: "The rate card (TOML).") var pricing: String
    @OptionGroup var ledger: LedgerOptions
    @Option(help: "The address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "The TCP port (0: any free one, printed when listening).") var port: Int = 8080
    @Flag(help: "Send the session cookie with Secure and the __Host- prefix (behind a TLS proxy).") var secureCookies = false
    @Option(help: ArgumentHelp("The origin people reach the server at, behind a proxy (for example https://desk.example.com): "
                               + "changes are then taken only from that exact origin.", valueName: "scheme://host[:port]"))
    var publicOrigin: PublicOrigin?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port '\(port)' is not a TCP port; give 0 to 65535") }
    }

    func run() throws {
        let opened = try ledger.open(create: true)
        guard let store = opened as? any LedgerStore & AccountStore else {
            throw fail("\(opened.name) keeps no accounts; serve needs a ledger that does", code: 1)
        }
        let settings = ServerSettings(pricingPath: pricing, ledger: ledger.address, host: host, port: port,
                                      secureCookies: secureCookies, publicOrigin: publicOrigin)
        let host = host
        do {
            try Blocking.run {
                do {
                    let app = try await FrontDesk.application(settings: settings, store: store, onAuditFailure: { problem in
                        note("spaquote serve: warning: \(problem)")
                    }) { port in
                        note("spaquote serve: listening on http://\(host):\(port) (stop with Ctrl-C or SIGTERM)")
                    }
                    try await app.runService()
                } catch {
                    try? await store.close()
                    throw error
                }
                try await store.close()
            }
        } catch let PricingError.rateCardUnreadable(file, reason) {
            throw fail(PricingError.rateCardUnreadable(file: file, reason: "\(reason) (the file given to --pricing)"))
        } catch let error as PricingError {
            throw fail(error)
        } catch let error as LedgerError {
            throw fail(error)
        } catch {
            throw fail("the server stopped: \(error)")
        }
        note("spaquote serve: stopped")
    }
}

/// `--public-origin https://desk.example.com`: a scheme (http or https), a host and an
/// optional port; a path, query or user is a usage error.
extension PublicOrigin: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
