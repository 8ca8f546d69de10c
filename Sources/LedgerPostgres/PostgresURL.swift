import Ledger

/// Where a PostgreSQL ledger lives: `postgresql://user[:password]@host[:port]/database`
/// (also `postgres://`), as libpq writes it, with percent-encoded parts decoded.
///
/// Supported: user, password, host (a name, an IPv4 address or `[IPv6]`), port (default
/// 5432), database (default: the user's name), and one query parameter, `sslmode`:
/// `disable` (the default on a loopback host: 127.0.0.1, ::1, localhost), `prefer` (the
/// default elsewhere: TLS when the server offers it) or `require` (TLS or nothing; the
/// server's certificate is not verified, as libpq's `require`). Anything else in the query
/// is refused, never ignored.
///
/// The password is never part of ``description`` (nor of any message): ``name`` is the URL
/// without it.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// TLS to the server.
    public enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    public var user: String
    /// The password written in the URL, nil when none was (then ``PostgresPassword`` looks
    /// in `PGPASSWORD` and `~/.pgpass`).
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    /// Whether `text` is meant as a PostgreSQL URL (rather than a SQLite file's path).
    public static func isPostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Parses `text`.
    ///
    /// - Throws: ``PostgresURLError`` saying which part is wrong (its message never holds
    ///   the password).
    public init(_ text: String) throws(PostgresURLError) {
        guard let scheme = ["postgresql://", "postgres://"].first(where: text.hasPrefix) else {
            throw .notPostgres
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") { query = rest[rest.index(after: q)...]; rest = rest[..<q] }
        guard !rest.contains("#") else { throw .fragment }
        guard let slash = rest.firstIndex(of: "/") else { throw .missingDatabase }
        let authority = rest[..<slash], path = rest[rest.index(after: slash)...]
        guard let at = authority.lastIndex(of: "@") else { throw .missingUser }
        let credentials = authority[..<at], hostPort = authority[authority.index(after: at)...]
        if let colon = credentials.firstIndex(of: ":") {
            user = try Self.decode(credentials[..<colon], part: "user")
            password = try Self.decode(credentials[credentials.index(after: colon)...], part: "password")
        } else {
            user = try Self.decode(credentials, part: "user")
            password = nil
        }
        guard !user.isEmpty else { throw .missingUser }
        (host, port) = try Self.hostAndPort(hostPort)
        database = try Self.decode(path, part: "database")
        guard !database.isEmpty else { throw .missingDatabase }
        guard !database.contains("/") else { throw .badPart("database", "holds a '/'") }
        tls = Self.isLoopback(host) ? .disable : .prefer
        try applyQuery(query)
    }

    public init(user: String, password: String? = nil, host: String, port: Int = 5432, database: String, tls: TLSMode? = nil) {
        self.user = user; self.password = password; self.host = host; self.port = port; self.database = database
        self.tls = tls ?? (Self.isLoopback(host) ? .disable : .prefer)
    }

    /// The URL without its password: how messages name the ledger
    /// (`postgresql://user@host:5432/db`), with `?sslmode=` when it is not the default.
    public var name: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let mode = tls == (Self.isLoopback(host) ? .disable : .prefer) ? "" : "?sslmode=\(tls.rawValue)"
        return "postgresql://\(Self.encode(user))@\(shownHost):\(port)/\(Self.encode(database))\(mode)"
    }

    public var description: String { name }

    /// Whether `host` is this machine (no TLS by default).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    private mutating func applyQuery(_ query: Substring) throws(PostgresURLError) {
        guard !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try Self.decode(parts[0], part: "parameter")
            guard key == "sslmode" else { throw .unknownParameter(key) }
            let value = parts.count == 2 ? try Self.decode(parts[1], part: "sslmode") : ""
            guard let mode = TLSMode(rawValue: value) else { throw .badPart("sslmode", "is '\(value)', not disable, prefer or require") }
            tls = mode
        }
    }

    private static func hostAndPort(_ text: Substring) throws(PostgresURLError) -> (String, Int) {
        var host: String, portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .badPart("host", "opens '[' without closing it") }
            host = String(text[text.index(after: text.startIndex)..<close])
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .badPart("host", "has text after ']'") }
                portText = after.dropFirst()
            }
        } else if let colon = text.firstIndex(of: ":") {
            host = try decode(text[..<colon], part: "host")
            portText = text[text.index(after: colon)...]
        } else {
            host = try decode(text, part: "host")
        }
        guard !host.isEmpty else { throw .missingHost }
        guard !host.contains(","), host.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0 != "/" }) else {
            throw .badPart("host", "is not one host name or address")
        }
        var port = 5432
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p), portText.allSatisfy(\.isASCII) else {
                throw .badPort(String(portText))
            }
            port = p
        }
        return (host, port)
    }

    /// Percent-decodes `text` (a byte at a time: `%C3%A9` is é); refuses bad escapes and
    /// bytes that are not UTF-8.
    static func decode(_ text: Substring, part: String) throws(PostgresURLError) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let b = utf8.popFirst() {
            guard b == 0x25 else { bytes.append(b); continue }
            guard utf8.count >= 2, let v = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else {
                throw .badPart(part, "has a '%' not followed by two hexadecimal digits")
            }
            bytes.append(v)
            utf8 = utf8.dropFirst(2)
        }
        guard let s = String(validating: bytes, as: UTF8.self), !s.unicodeScalars.contains(where: { $0.value == 0 }) else {
            throw .badPart(part, "is not UTF-8 text once decoded")
        }
        return s
    }

    /// Percent-encodes what a URL's user or database cannot hold as it is.
    static func encode(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            let plain = (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || "-._~".utf8.contains(b)
            out += plain ? String(UnicodeScalar(b)) : "%" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
        }
        return out
    }
}

/// What is wrong with a PostgreSQL URL. Never holds the password.
public enum PostgresURLError: Error, Sendable, Equatable, CustomStringConvertible {
    case notPostgres
    case missingUser
    case missingHost
    case missingDatabase
    case badPort(String)
    case fragment
    case unknownParameter(String)
    case badPart(String, String)

    public var description: String {
        let form = "postgresql://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]"
        switch self {
        case .notPostgres: return "not a PostgreSQL URL (\(form))"
        case .missingUser: return "the URL names no user (\(form))"
        case .missingHost: return "the URL names no host (\(form))"
        case .missingDatabase: return "the URL names no database (\(form))"
        case let .badPort(p): return "the URL's port '\(ShownText.inert(p))' is not a number from 1 to 65535"
        case .fragment: return "the URL has a '#' part, which a PostgreSQL URL cannot have (percent-encode '#' as %23)"
        case let .unknownParameter(k): return "the URL's parameter '\(ShownText.inert(k))' is not supported (only sslmode)"
        case let .badPart(part, problem): return "the URL's \(part) \(problem)"
        }
    }
}

/// Text from a URL shown in a message: control characters and quotes escaped.
enum ShownText {
    static func inert(_ s: String) -> String {
        var s = s
        return s.withUTF8 { ShownValue.escaped($0) }
    }
}
