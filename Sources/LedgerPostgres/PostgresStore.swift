import Ledger
import Logging
import PostgresNIO

/// A ledger in a PostgreSQL database (postgres-nio): the store a clinic chain shares.
///
/// The store is handed its database as a `PostgresClient` whose `run()` the caller runs
/// (``init(client:name:create:lockTimeout:)``), or connects from a URL and runs its own
/// client (``connect(url:environment:create:lockTimeout:)``, for the command line).
///
/// Saves serialize on a transaction-level advisory lock, so quote numbers stay consecutive
/// across processes and servers; rows go in with `COPY ... FROM STDIN`. Reads page by id
/// with bound parameters only. Every failure is a ``LedgerError`` naming the ledger by its
/// URL without the password.
public final class PostgresStore: LedgerStore {
    public let name: String
    let client: PostgresClient
    let failure: PostgresFailure
    /// How long a saver waits for another's write lock before ``LedgerError/locked(ledger:)``.
    let lockTimeout: Duration
    /// The task running `client` when the store made it (``connect(url:environment:create:lockTimeout:)``).
    private let runTask: Task<Void, Never>?
    /// When accounts, tokens and sessions change (listening from the first kept lookup on).
    let accountChanges = AccountChanges()
    /// The per-request lookups kept until accounts, tokens or sessions change (``LookupCache``).
    let tokenAccounts = LookupCache<Account>(), namedAccounts = LookupCache<Account>(), sessions = LookupCache<WebSession>()

    /// Postgres-nio's logger for the store's queries: it logs nothing (library code writes
    /// no output; postgres-nio logs at debug and trace level only). A no-op handler, not
    /// the process's: postgres-nio sets metadata on it at every query, which a real
    /// handler copies (7% of a web save's time with the command line's stream handler).
    static let logger: Logger = {
        var logger = Logger(label: "spaquote.ledger.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        logger.logLevel = .critical
        return logger
    }()

    /// A store over `client` (whose `run()` the caller runs), named `name` in messages (a
    /// URL without its password: ``PostgresURL/name``). Checks that the database is a
    /// spaquote ledger of this version: creates it in an empty database when `create`,
    /// upgrades an older one, and refuses (untouched) another program's database or a
    /// newer ledger.
    ///
    /// - Parameters:
    ///   - lockTimeout: how long a save waits for another save to finish.
    ///   - database, user: for messages (the remedy for a missing database).
    public convenience init(client: PostgresClient, name: String, database: String = "", user: String = "",
                            create: Bool, lockTimeout: Duration = .seconds(60)) async throws {
        let failure = PostgresFailure(ledger: name, database: database, user: user)
        self.init(client: client, failure: failure, lockTimeout: lockTimeout, runTask: nil)
        try await withConnection { try await PostgresSchema.prepare($0, create: create, failure: failure) }
    }

    init(client: PostgresClient, failure: PostgresFailure, lockTimeout: Duration, runTask: Task<Void, Never>?) {
        self.client = client
        self.name = failure.ledger
        self.failure = failure
        self.lockTimeout = lockTimeout
        self.runTask = runTask
    }

    /// Connects to the ledger at `url` (``PostgresURL``), with the password from the URL,
    /// `PGPASSWORD` or the password file (``PostgresPassword``, reading `environment`), and
    /// checks it as ``init(client:name:database:user:create:lockTimeout:)`` does. The store
    /// runs its own client; ``close()`` stops it.
    ///
    /// One connection is made first and checked, so that a server that does not answer, a
    /// wrong password or a missing database fails at once with its own message.
    public static func connect(url text: String, environment: [String: String], create: Bool,
                               lockTimeout: Duration = .seconds(60)) async throws -> PostgresStore {
        let url: PostgresURL
        do { url = try PostgresURL(text) } catch {
            throw LedgerError.cannotOpen(ledger: PostgresURL.redacted(text), reason: error.description)
        }
        let failure = PostgresFailure(ledger: url.name, database: url.database, user: url.user)
        let password = PostgresPassword.find(for: url, environment: environment)
        let tls: PostgresConnection.Configuration.TLS
        do { tls = try url.connectionTLS() } catch {
            throw LedgerError.cannotOpen(ledger: url.name, reason: "TLS cannot be set up")
        }
        var probe = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                     password: password, database: url.database, tls: tls)
        probe.options.connectTimeout = .seconds(10)
        do {
            let connection = try await PostgresConnection.connect(
                on: PostgresClient.defaultEventLoopGroup.next(), configuration: probe, id: 0, logger: logger).get()
            do {
                try await PostgresSchema.prepare(connection, create: create, failure: failure)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw failure.classify(error)
        }
        let client = PostgresClient(configuration: url.clientConfiguration(password: password, tls: url.clientTLS()))
        let runTask = Task { await client.run() }
        return PostgresStore(client: client, failure: failure, lockTimeout: lockTimeout, runTask: runTask)
    }

    public func close() async throws {
        await accountChanges.stop()
        guard let runTask else { return }
        runTask.cancel()
        await runTask.value
    }

    /// `read`'s answer, from `cache` while no account, token or session has changed since
    /// it was kept (``AccountChanges``); looked up and kept otherwise. Nothing is kept
    /// until ``keepLookups()`` has started listening (a server does; one-shot commands and
    /// most tests do not, and hold no listening connection).
    func cached<V: Sendable>(_ cache: LookupCache<V>, _ key: String, _ read: () async throws -> V?) async throws -> V? {
        try await cache.value(key, generation: accountChanges.generation, read)
    }

    /// Starts listening for changes to accounts, tokens and sessions, on one connection of
    /// the pool, so the per-request lookups can be kept (``AccountChanges``).
    public func keepLookups() {
        accountChanges.start(client)
    }

    /// Leases tried before a closed connection is reported (the pool may still hold one the
    /// server has just closed), and the wait between them.
    static let leaseAttempts = 3
    static let leaseRetryDelay = Duration.milliseconds(50)

    /// Runs `body` on an open connection of the pool; its failures become ``LedgerError``.
    /// (A query written to a connection already closed is never answered by postgres-nio,
    /// so none is.)
    func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        for attempt in 1...Self.leaseAttempts {
            do {
                return try await client.withConnection { connection in
                    guard !connection.isClosed else { throw HeldConnection.Lost() }
                    return try await body(connection)
                }
            } catch is HeldConnection.Lost where attempt < Self.leaseAttempts {
                try? await Task.sleep(for: Self.leaseRetryDelay)
            } catch {
                throw failure.classify(error)
            }
        }
        throw failure.classify(HeldConnection.Lost())
    }

    /// Runs `body` between BEGIN and COMMIT on `c`, rolling back when it throws.
    static func transaction<T>(on c: PostgresConnection, _ body: () async throws -> T) async throws -> T {
        try await c.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        do {
            let result = try await body()
            try await c.execute("COMMIT")
            return result
        } catch {
            _ = try? await c.query("ROLLBACK", logger: logger)
            throw error
        }
    }
}

extension PostgresURL {
    /// `text` with the password of its user part (if any) and its whole query (which may
    /// carry `password=`) left out, made inert: how a URL that does not parse is named.
    public static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return ShownText.inert(text) }
        let scheme = text[..<schemeEnd.upperBound], rest = text[schemeEnd.upperBound...]
        // The last '@' ends the user part: a password typed with '/', '?' or '@' unencoded stays hidden.
        var user = "", place = rest
        if let at = rest.lastIndex(of: "@") {
            user = String(rest[..<at].prefix(while: { $0 != ":" })) + "@"
            place = rest[rest.index(after: at)...]
        }
        let query = place.firstIndex(of: "?")
        let shown = String(scheme) + user + (query.map { String(place[..<$0]) + "?..." } ?? String(place))
        return ShownText.inert(shown)
    }

    func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        switch tls {
        case .disable: return .disable
        case .prefer: return .prefer(try NIOSSLContext(configuration: Self.unverifiedTLS))
        case .require: return .require(try NIOSSLContext(configuration: Self.unverifiedTLS))
        }
    }

    func clientTLS() -> PostgresClient.Configuration.TLS {
        switch tls {
        case .disable: return .disable
        case .prefer: return .prefer(Self.unverifiedTLS)
        case .require: return .require(Self.unverifiedTLS)
        }
    }

    /// TLS as libpq's `prefer` and `require` make it: encrypted, the certificate not verified.
    static var unverifiedTLS: TLSConfiguration {
        var c = TLSConfiguration.makeClientConfiguration()
        c.certificateVerification = .none
        return c
    }

    func clientConfiguration(password: String?, tls: PostgresClient.Configuration.TLS) -> PostgresClient.Configuration {
        var c = PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        c.options.connectTimeout = .seconds(10)
        return c
    }
}
