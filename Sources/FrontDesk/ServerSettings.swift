import Pricing
import Workflows

/// What `spaquote serve` was asked for: the rate card, the ledger, where to listen and
/// how cookies are sent. The command parses its arguments into this; the server reads
/// nothing else from the command line or the environment.
public struct ServerSettings: Sendable {
    /// The rate card file (TOML).
    public var pricingPath: String
    /// The ledger: a SQLite file or a PostgreSQL URL.
    public var ledger: LedgerAddress
    /// The address to listen on (default 127.0.0.1: this machine only).
    public var host: String
    /// The TCP port (default 8080).
    public var port: Int
    /// Whether cookies carry `Secure` (behind a TLS proxy: `--secure-cookies`; always with ``tls``).
    public var secureCookies: Bool
    /// The certificate and key to answer HTTPS with (`--tls-cert`, `--tls-key`), nil for
    /// plain HTTP. Setting it makes cookies ``secureCookies``.
    public var tls: TLSFiles? { didSet { if tls != nil { secureCookies = true } } }
    /// The origin the server is reached at (`--public-origin`), nil when not given: then a
    /// state-changing request's `Origin` is compared with its `Host` header; with it, the
    /// `Origin` (or the `Referer`'s origin) must be this one, scheme and port included.
    public var publicOrigin: PublicOrigin?
    /// How long a session may stay idle before it ends, in seconds (default 8 hours: a
    /// front-desk shift).
    public var idleTimeout: Int64
    /// Where the rate card's TOML is tried before it is parsed (``TOMLParserIsolation``):
    /// `spaquote serve` passes its child-process parse; nil parses it in the server's
    /// process (trusted files only: tests).
    public var parserIsolation: (any TOMLParserIsolation)?

    public init(pricingPath: String, ledger: LedgerAddress, host: String = "127.0.0.1", port: Int = 8080,
                secureCookies: Bool = false, tls: TLSFiles? = nil, publicOrigin: PublicOrigin? = nil, idleTimeout: Int64 = 8 * 3600,
                parserIsolation: (any TOMLParserIsolation)? = nil) {
        self.pricingPath = pricingPath; self.ledger = ledger; self.host = host; self.port = port
        self.secureCookies = secureCookies || tls != nil; self.tls = tls; self.publicOrigin = publicOrigin; self.idleTimeout = idleTimeout
        self.parserIsolation = parserIsolation
    }
}
