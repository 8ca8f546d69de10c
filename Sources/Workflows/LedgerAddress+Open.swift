import Foundation
import Ledger
import LedgerPostgres
import LedgerSQLite

extension LedgerAddress {
    /// How long a save waits for another program's write lock on a SQLite file, in seconds.
    public static let busyTimeout: Double = 5

    /// Opens the ledger: a SQLite file (`create`: made, with its schema, when missing;
    /// `access` ``LedgerAccess/read`` opens it read-only), or a connection to a PostgreSQL
    /// database (`create`: its tables made when it has none; the password from the URL,
    /// `PGPASSWORD` or `~/.pgpass`).
    ///
    /// - Throws: ``LedgerError`` naming the ledger (a URL without its password).
    public func open(create: Bool, access: LedgerAccess = .write) async throws -> any LedgerStore {
        switch self {
        case let .file(path):
            return try await SQLiteStore.open(path: path, create: create, access: access == .read ? .read : .write,
                                              busyTimeout: Self.busyTimeout)
        case let .postgres(url):
            return try await PostgresStore.connect(url: url, environment: ProcessInfo.processInfo.environment, create: create)
        }
    }
}
