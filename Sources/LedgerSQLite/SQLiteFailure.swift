import Foundation
import GRDB
import GRDBSQLite
import Ledger

/// SQLite's failures as ``LedgerError``s naming the ledger: the one translation of every
/// store operation.
enum SQLiteFailure {
    /// The error of a statement stepped through the C API that returned `code`.
    static func error(_ code: Int32, _ db: Database) -> DatabaseError {
        let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
    }

    /// The ledger error for `error`, met while using the ledger `ledger`.
    static func ledgerError(_ error: any Error, ledger: String) -> LedgerError {
        switch error {
        case let error as LedgerError: return error
        case let error as DatabaseError:
            let message = error.message ?? "\(error.resultCode)"
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(ledger: ledger)
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .damaged(ledger: ledger, reason: "SQLite finds it malformed (\(message))")
            case .SQLITE_READONLY: return readOnly(ledger)
            case .SQLITE_CONSTRAINT: return .constraint(ledger: ledger, reason: message)
            default: return .database(ledger: ledger, reason: message)
            }
        case is CancellationError: return .database(ledger: ledger, reason: "the work was cancelled (nothing of an unfinished save was kept)")
        default: return .database(ledger: ledger, reason: "\(error)")
        }
    }

    /// The ledger error for a failure to open the ledger `ledger`: SQLite's "not a
    /// database" is ``LedgerError/notALedger(ledger:reason:)``, other failures
    /// ``LedgerError/cannotOpen(ledger:reason:)``.
    static func openingError(_ error: any Error, ledger: String) -> LedgerError {
        switch error {
        case let error as LedgerError: return error
        case let error as DatabaseError:
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(ledger: ledger)
            case .SQLITE_NOTADB: return .notALedger(ledger: ledger, reason: "SQLite cannot read it as a database")
            case .SQLITE_CORRUPT: return .damaged(ledger: ledger, reason: "SQLite finds it malformed (\(error.message ?? "corrupt"))")
            default: return .cannotOpen(ledger: ledger, reason: error.message ?? "\(error.resultCode)")
            }
        default: return .cannotOpen(ledger: ledger, reason: "\(error)")
        }
    }

    static func readOnly(_ ledger: String) -> LedgerError {
        .database(ledger: ledger, reason: "the ledger was opened to read, not to write")
    }
}
