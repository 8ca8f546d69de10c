import Foundation
import Ledger
import PostgresNIO

/// The one translation of what postgres-nio throws into ``LedgerError``, naming the ledger
/// (its URL without the password) and the server's own words where they help. No message
/// holds the password: the server never sends it back, and the client's errors are
/// described from their codes, not from their debug text.
struct PostgresFailure {
    /// How messages name the ledger.
    let ledger: String
    /// For the "database does not exist" remedy.
    let database: String
    let user: String

    /// `error` as a ``LedgerError``.
    func classify(_ error: any Error) -> LedgerError {
        switch error {
        case let e as LedgerError: return e
        case let e as PSQLError: return classify(e)
        case let e as PostgresTransactionError:
            return classify(e.beginError ?? e.closureError ?? e.commitError ?? e.rollbackError ?? CancellationError())
        case let e as NIOConnectionError: return .unreachable(ledger: ledger, reason: Self.describe(e))
        case let e as IOError: return .unreachable(ledger: ledger, reason: Self.describe(e))
        case let e as ChannelError: return .unreachable(ledger: ledger, reason: Self.describe(e))
        case is HeldConnection.Lost: return .unreachable(ledger: ledger, reason: "the connection to the server was lost")
        case is HeldConnection.Released: return .database(ledger: ledger, reason: "the save has already ended")
        case is CancellationError: return .database(ledger: ledger, reason: "the work was cancelled")
        default:
            let text = String(describing: error)
            if text.contains("CircuitBreaker") {
                return .unreachable(ledger: ledger, reason: "no connection to the server could be made for a minute")
            }
            return .database(ledger: ledger, reason: "unexpected failure (\(type(of: error)))")
        }
    }

    private func classify(_ e: PSQLError) -> LedgerError {
        switch e.code {
        case .server: return classifyServer(e)
        case .connectionError:
            if let underlying = e.underlying { return classify(underlying) }
            return .unreachable(ledger: ledger, reason: "the connection could not be made")
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return .unreachable(ledger: ledger, reason: "the connection to the server was lost")
        case .poolClosed:
            return .database(ledger: ledger, reason: "the ledger's connection is closed")
        case .sslUnsupported:
            return .unreachable(ledger: ledger, reason: "the server does not offer TLS, which sslmode=require asks for")
        case .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return .unreachable(ledger: ledger, reason: "TLS to the server failed")
        case .authMechanismRequiresPassword:
            return .accessDenied(ledger: ledger, reason: "the server asks user '\(user)' for a password, and none was given")
        case .unsupportedAuthMechanism:
            return .accessDenied(ledger: ledger, reason: "the server asks for a way of signing in that spaquote does not support (use a password: scram-sha-256 or md5)")
        case .saslError:
            return .accessDenied(ledger: ledger, reason: "signing in as user '\(user)' failed")
        case .queryCancelled:
            return .database(ledger: ledger, reason: "the server cancelled the query")
        default:
            return .database(ledger: ledger, reason: "the connection failed (\(e.code))")
        }
    }

    private func classifyServer(_ e: PSQLError) -> LedgerError {
        let state = e.serverInfo?[.sqlState] ?? ""
        let said = serverMessage(e)
        switch state {
        case "28P01", "28000":
            return .accessDenied(ledger: ledger, reason: "authentication failed (\(said))")
        case "3D000":
            return .cannotOpen(ledger: ledger, reason: "the database '\(ShownText.inert(database))' does not exist on the server; create it (CREATE DATABASE \(ShownText.inert(Self.identifier(database))), or createdb) and try again")
        case "42501":
            return .accessDenied(ledger: ledger, reason: "permission denied (\(said))")
        case "55P03", "40P01", "40001":
            return .locked(ledger: ledger)
        case "53300":
            return .unreachable(ledger: ledger, reason: "the server has no connection left (\(said))")
        case "42P01", "42703":
            return .damaged(ledger: ledger, reason: "a table or column of the ledger is missing (\(said))")
        default:
            if state.hasPrefix("08") || state.hasPrefix("57P") {
                return .unreachable(ledger: ledger, reason: "the connection to the server was lost (\(said))")
            }
            if state.hasPrefix("23") { return .constraint(ledger: ledger, reason: said) }
            return .database(ledger: ledger, reason: said + (state.isEmpty ? "" : " [SQLSTATE \(state)]"))
        }
    }

    /// The server's message and detail, made inert.
    private func serverMessage(_ e: PSQLError) -> String {
        let message = e.serverInfo?[.message] ?? "no message"
        let detail = e.serverInfo?[.detail].map { " " + $0 } ?? ""
        return ShownText.inert(message + detail)
    }

    static func describe(_ e: NIOConnectionError) -> String {
        if e.dnsAError != nil || e.dnsAAAAError != nil, e.connectionErrors.isEmpty {
            return "the host name '\(ShownText.inert(e.host))' is not known"
        }
        if let first = e.connectionErrors.first { return describe(first.error) }
        return "no address of '\(ShownText.inert(e.host))' answers"
    }

    static func describe(_ e: any Error) -> String {
        switch e {
        case let e as IOError where e.errnoCode == ECONNREFUSED: return "connection refused (no server listens on that port)"
        case let e as IOError where e.errnoCode == ETIMEDOUT: return "the connection timed out"
        case let e as IOError where e.errnoCode == EHOSTUNREACH || e.errnoCode == ENETUNREACH: return "the host cannot be reached"
        case let e as IOError: return "the connection failed (\(ShownText.inert(String(cString: strerror(e.errnoCode)))))"
        case let e as ChannelError:
            if case let .connectTimeout(t) = e { return "the server did not answer within \(t.nanoseconds / 1_000_000_000) seconds" }
            return "the connection failed"
        case let e as NIOConnectionError: return describe(e)
        default: return "the connection failed"
        }
    }

    /// `name` as a quoted SQL identifier.
    static func identifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
