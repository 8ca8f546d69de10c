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
        discussion: "Listens on 127.0.0.1:8080 unless told otherwise. For other machines give it a certificate and key "
            + "(--tls-cert, --tls-key: HTTPS only, cookies Secure), or put a TLS proxy in front of it and add --secure-cookies. "
            + "Accounts come from 'spaquote user add'. SIGTERM or SIGINT stops it gracefully."
    )

    @Option(help: "The rate card (TOML).") var pricing: String
    @OptionGroup var ledger: LedgerOptions
    @Option(help: "The address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "The TCP port (0: any free one, printed when listening).") var port: Int = 8080
    @Flag(help: "Send the session cookie with Secure and the __Host- prefix (behind a TLS proxy).") var secureCookies = false
    @Option(help: ArgumentHelp("The server's certificate chain, PEM: answer HTTPS only (needs --tls-key; cookies then Secure).",
                               valueName: "file"))
    var tlsCert: String?
    @Option(help: ArgumentHelp("The private key of --tls-cert, PEM without a passphrase.", valueName: "file"))
    var tlsKey: String?
    @Option(help: ArgumentHelp("The origin people reach the server at, behind a proxy (for example https://desk.example.com): "
                               + "changes are then taken only from that exact origin.", valueName: "scheme://host[:port]"))
    var publicOrigin: PublicOrigin?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port '\(port)' is not a TCP port; give 0 to 65535") }
        if (tlsCert == nil) != (tlsKey == nil) {
            throw ValidationError(tlsCert == nil ? "--tls-key needs --tls-cert: give the certificate the key goes with, or neither"
                                                 : "--tls-cert needs --tls-key: give the certificate's private key, or neither")
        }
    }

    func run() throws {
        let tls = tlsCert.map { TLSFiles(certificatePath: $0, keyPath: tlsKey ?? "") }
        do { try tls?.check() } catch { throw fail(error) }
        let opened = try ledger.open(create: true)
        guard let store = opened as? any LedgerStore & AccountStore else {
            throw fail("\(opened.name) keeps no accounts; serve needs a ledger that does", code: 1)
        }
        let settings = ServerSettings(pricingPath: pricing, ledger: ledger.address, host: host, port: port,
                                      secureCookies: secureCookies, tls: tls, publicOrigin: publicOrigin,
                                      parserIsolation: ParserInChildProcess())
        let host = host, scheme = tls == nil ? "http" : "https"
        do {
            try Blocking.run {
                do {
                    let app = try await FrontDesk.application(settings: settings, store: store, onAuditFailure: { problem in
                        note("spaquote serve: warning: \(problem)")
                    }) { port in
                        note("spaquote serve: listening on \(scheme)://\(host):\(port) (stop with Ctrl-C or SIGTERM)")
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
        } catch let error as TLSFilesError {
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
