import ArgumentParser
import Foundation
import Ledger
import Reports
import Workflows

/// `--ledger PATH|URL`, shared by the commands that use the ledger.
struct LedgerOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The ledger: a SQLite file, or a PostgreSQL URL postgresql://USER@HOST:PORT/DB (password from PGPASSWORD or ~/.pgpass) "
            + "(default: $SPAQUOTE_LEDGER, else spaquote.sqlite in the working directory).",
        valueName: "path-or-url"))
    var ledger: String?

    /// `--ledger`, else `$SPAQUOTE_LEDGER`, else `spaquote.sqlite`, as typed.
    private var text: String {
        if let ledger { return ledger }
        if let env = ProcessInfo.processInfo.environment["SPAQUOTE_LEDGER"], !env.isEmpty { return env }
        return "spaquote.sqlite"
    }

    /// Where the ledger lives: a file, or a PostgreSQL database.
    var address: LedgerAddress { LedgerAddress(text) }

    /// How the user named the ledger, for messages: `--ledger`, `$SPAQUOTE_LEDGER`, or
    /// "the default ledger" (spaquote.sqlite in the working directory).
    var label: String {
        if ledger != nil { return "--ledger" }
        if let env = ProcessInfo.processInfo.environment["SPAQUOTE_LEDGER"], !env.isEmpty { return "$SPAQUOTE_LEDGER" }
        return "the default ledger"
    }

    /// Where the ledger came from, in words: "the ledger given with --ledger", ...
    var origin: String {
        switch label {
        case "--ledger": "the ledger given with --ledger"
        case "$SPAQUOTE_LEDGER": "the ledger named by $SPAQUOTE_LEDGER"
        default: "the default ledger (spaquote.sqlite in the working directory)"
        }
    }

    /// Opens the ledger (to write unless `access` says read), or ends the command with the reason.
    func open(create: Bool, access: LedgerAccess = .write) throws -> any LedgerStore {
        try LedgerOpening.open(address, create: create, access: access, origin: origin,
                               remedy: "name another with --ledger or $SPAQUOTE_LEDGER")
    }

    /// Opens the ledger, runs `body` with it and closes it; any error ends the command
    /// with its message. Runs on the main thread, which waits (``Blocking``).
    /// `remedy` adds the command line's remedy to a ledger error's message (`add --force ...`).
    @discardableResult
    func with<T>(create: Bool, access: LedgerAccess = .write, remedy: ((LedgerError) -> String?)? = nil,
                 _ body: sending @escaping (any LedgerStore) async throws -> T) throws -> T {
        let store = try open(create: create, access: access)
        return try LedgerOpening.using(store, remedy: remedy, body)
    }
}

/// Opening ledgers for the commands, and the command line's wording around the library's.
enum LedgerOpening {
    /// Opens the ledger at `address`; a ledger that cannot be opened ends the command with
    /// the library's message, then where the ledger came from (`origin`) and `remedy`.
    static func open(_ address: LedgerAddress, create: Bool, access: LedgerAccess, origin: String,
                     remedy: String) throws -> any LedgerStore {
        do {
            return try Blocking.run { try await address.open(create: create, access: access) }
        } catch {
            throw failure(opening: error, origin: origin, remedy: remedy)
        }
    }

    /// The exit for a ledger that could not be opened: the library speaks of the ledger;
    /// here it says where the ledger came from.
    static func failure(opening error: any Error, origin: String, remedy: String) -> ExitCode {
        switch error as? LedgerError {
        case .cannotOpen?, .notALedger?, .damaged?:
            return fail("\(ErrorText.of(error)). That is \(TerminalText(layout: origin)); \(TerminalText(layout: remedy))")
        default: return fail(error)
        }
    }

    /// Runs `body` with `store` and closes it; any error ends the command with its message,
    /// and `remedy`'s words for a ledger error it has some for.
    @discardableResult
    static func using<T>(_ store: any LedgerStore, remedy: ((LedgerError) -> String?)? = nil,
                         _ body: sending @escaping (any LedgerStore) async throws -> T) throws -> T {
        let result: Result<T, any Error>
        do { result = .success(try Blocking.run { try await body(store) }) } catch { result = .failure(error) }
        try? Blocking.run { try await store.close() }
        if case let .failure(error as LedgerError) = result, let words = remedy?(error) {
            throw fail("\(ErrorText.of(error))\(TerminalText(layout: words))")
        }
        return try reportingErrors { try result.get() }
    }
}

/// Runs `body`, turning any ledger or report error into a message and exit status 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let code as ExitCode {
        throw code
    } catch {
        throw fail(error)
    }
}
