import ArgumentParser
import Workflows
import Ledger
import Pricing
import Reports

import Platform

/// The `spaquote` command: price microneedling treatment plans, export quotes, keep a
/// ledger and report monthly revenue.
@main
struct Spaquote: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spaquote",
        abstract: "Price microneedling treatment plans and report clinic revenue.",
        discussion: """
        Exit status: 0 success; 1 an input or output problem (message on stderr); \
        3 a request was rejected (batch: some rows were rejected); 64 a usage error.
        """,
        version: Version.current,
        subcommands: [QuoteCommand.self, BatchCommand.self, PricingCommand.self, LedgerCommand.self, ReportCommand.self,
                      UserCommand.self, AuditCommand.self, ServeCommand.self]
    )

    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            finish(error)
        }
        // The server ends gracefully on its own signals; every other command removes its
        // temporary files when interrupted.
        if !(command is ServeCommand) { TemporaryFiles.removeOnInterrupt() }
        do {
            try command.run()
        } catch let error where error is PricingError || error is ReportError || error is LedgerError {
            finish(fail(error))   // a library error the command did not report itself
        } catch {
            finish(error)         // ArgumentParser's (help, usage) and ExitCode
        }
        finish(ExitCode.success)
    }

    /// Ends the process as ArgumentParser's `exit(withError:)` would, its message (help,
    /// version, usage error) written through ``Terminal``, with the arguments it quotes
    /// made inert.
    static func finish(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        var message = fullMessage(for: error)
        if !message.isEmpty {
            // A usage error repeats arguments as typed: a PostgreSQL URL among them is shown
            // without its password (a URL given where a path or value was expected, say).
            var arguments = Array(CommandLine.arguments.dropFirst())
            for (i, argument) in arguments.enumerated() {
                for value in [argument, String(argument.drop(while: { $0 != "=" }).dropFirst())] where !value.isEmpty {
                    guard case .postgres = LedgerAddress(value) else { continue }
                    let shown = LedgerAddress(value).shown
                    message = message.replacingOccurrences(of: value, with: shown)
                    arguments[i] = arguments[i].replacingOccurrences(of: value, with: shown)
                }
            }
            let text = TerminalText.message(message, quoting: arguments)
            Terminal.write(text + "\n", to: code == .success ? .output : .error)
        }
        LibC.exit(code.rawValue)
    }
}
