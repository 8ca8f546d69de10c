/// Where a ledger lives: a SQLite file, or a PostgreSQL database named by a URL.
///
/// A value starting `postgresql://` or `postgres://` is a PostgreSQL URL
/// (`postgresql://user[:password]@host[:port]/database`; the password may also come from
/// `PGPASSWORD` or `~/.pgpass`); anything else is a file's path. A password is never part
/// of how a ledger is named in a message (``shown``).
public enum LedgerAddress: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite file (created on the first save).
    case file(path: String)
    /// A PostgreSQL database.
    case postgres(url: String)

    /// The URL schemes that name a PostgreSQL database.
    public static let postgresSchemes = ["postgresql://", "postgres://"]

    /// Reads `text`: a PostgreSQL URL by its scheme (in any case; kept in lower case, as
    /// the URL is parsed), else a path.
    public init(_ text: String) {
        let lower = text.lowercased()
        guard let scheme = Self.postgresSchemes.first(where: { lower.hasPrefix($0) }) else {
            self = .file(path: text)
            return
        }
        self = .postgres(url: scheme + text.dropFirst(scheme.count))
    }

    /// The file's path, nil for a PostgreSQL ledger (output collision checks apply to files only).
    public var filePath: String? {
        if case let .file(path) = self { return path }
        return nil
    }

    /// How messages name the ledger before it is opened: the path, or the URL without its
    /// password (`postgresql://clerk@db.example:5432/chain`). Once open, the store's
    /// ``LedgerStore/name`` is used.
    public var shown: String {
        switch self {
        case let .file(path): path
        case let .postgres(url): Self.withoutPassword(url)
        }
    }

    public var description: String { shown }

    /// `url` with the password of its user information removed (`user:secret@` ->
    /// `user@`), and a `password=` query parameter dropped.
    static func withoutPassword(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let scheme = url[..<schemeEnd.upperBound]
        var rest = url[schemeEnd.upperBound...]
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") { query = rest[q...]; rest = rest[..<q] }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        let path = rest[authorityEnd...]
        if let at = authority.lastIndex(of: "@") {
            let user = authority[..<at]
            let name = user.firstIndex(of: ":").map { user[..<$0] } ?? user
            authority = name + authority[at...]
        }
        return scheme + authority + path + withoutPasswordParameter(query)
    }

    private static func withoutPasswordParameter(_ query: Substring) -> String {
        guard query.count > 1 else { return String(query) }
        let kept = query.dropFirst().split(separator: "&", omittingEmptySubsequences: false)
            .filter { !$0.lowercased().hasPrefix("password=") }
        return kept.isEmpty ? "" : "?" + kept.joined(separator: "&")
    }
}
