import LedgerPostgres

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
    /// password and query (`postgresql://clerk@db.example:5432/chain`;
    /// ``PostgresURL/redacted(_:)``, the one redactor). Once open, the store's
    /// ``LedgerStore/name`` is used.
    public var shown: String {
        switch self {
        case let .file(path): path
        case let .postgres(url): PostgresURL.redacted(url)
        }
    }

    public var description: String { shown }
}
