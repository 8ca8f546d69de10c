import ArgumentParser
import Ledger
import Reports

/// Writes `spaquote: message` on standard error and returns the exit status to end the
/// command with. Values interpolated in `message` are data, made inert (``TerminalText``).
func fail(_ message: TerminalText, code: Int32 = 1) -> ExitCode {
    Terminal.write("spaquote: \(message)\n", to: .error)
    return ExitCode(code)
}

/// Writes `spaquote: ` and the error's message (``ErrorText``) on standard error and
/// returns the exit status to end the command with.
func fail(_ error: any Error, code: Int32 = 1) -> ExitCode {
    if case .notFound = error as? LedgerError {
        // The ledger says to check the id; the command line says where the ids are.
        return fail("\(ErrorText.of(error)) ('spaquote ledger list' shows them)", code: code)
    }
    return fail("\(ErrorText.of(error))", code: code)
}

/// Writes `text` on standard error, as a line.
func note(_ text: TerminalText) {
    Terminal.write("\(text)\n", to: .error)
}

/// Exit status for a rejected request.
let rejectedExitCode: Int32 = 3
