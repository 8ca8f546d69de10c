import ArgumentParser
import Reports

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
        subcommands: [QuoteCommand.self, BatchCommand.self, PricingCommand.self, LedgerCommand.self, ReportCommand.self]
    )

    static func main() {
        TemporaryFiles.removeOnInterrupt()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
