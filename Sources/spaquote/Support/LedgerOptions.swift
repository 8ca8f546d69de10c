import ArgumentParser
import Foundation
import Ledger
import Reports

/// `--ledger PATH`, shared by the commands that use the ledger.
struct LedgerOptions: ParsableArguments {
    @Option(help: "The ledger file (default: $SPAQUOTE_LEDGER, else spaquote.sqlite in the working directory).")
    var ledger: String?

    /// `--ledger`, else `$SPAQUOTE_LEDGER`, else `spaquote.sqlite`.
    var path: String {
        if let ledger { return ledger }
        if let env = ProcessInfo.processInfo.environment["SPAQUOTE_LEDGER"], !env.isEmpty { return env }
        return "spaquote.sqlite"
    }

    /// How the user named the ledger, for messages: `--ledger`, `$SPAQUOTE_LEDGER`, or
    /// "the default ledger" (spaquote.sqlite in the working directory).
    var label: String {
        if ledger != nil { return "--ledger" }
        if let env = ProcessInfo.processInfo.environment["SPAQUOTE_LEDGER"], !env.isEmpty { return "$SPAQUOTE_LEDGER" }
        return "the default ledger"
    }

    /// Where the ledger's path came from, in words: "the ledger given with --ledger", ...
    var origin: String {
        switch label {
        case "--ledger": "the ledger given with --ledger"
        case "$SPAQUOTE_LEDGER": "the ledger named by $SPAQUOTE_LEDGER"
        default: "the default ledger (spaquote.sqlite in the working directory)"
        }
    }

    /// Opens the ledger (to write unless `access` says read), or ends the command with the reason.
    func open(create: Bool, access: Ledger.Access = .write) throws -> Ledger {
        do {
            return try Ledger(path: path, create: create, access: access)
        } catch {
            // The library speaks of the ledger; here it says where the file came from.
            switch error {
            case .cannotOpen, .notALedger, .damaged:
                throw fail("\(ErrorText.of(error)). That is \(TerminalText(layout: origin)); name another with --ledger or $SPAQUOTE_LEDGER")
            default: throw fail(error)
            }
        }
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
