import ArgumentParser
import Ledger
import Pricing
import Reports
import Workflows

/// `spaquote audit list`: the ledger's audit trail, oldest first.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the ledger's audit trail: who saved, accepted, declined, signed in, changed an account, when and from where.",
        subcommands: [List.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List audit events, oldest first (times in UTC).",
            discussion: "The trail is append-only: nothing in spaquote changes or removes an event. --user matches a front-desk user "
                + "or the operating-system user of the command line.")
        @OptionGroup var ledger: LedgerOptions
        @Option(help: ArgumentHelp("Only events from this day on (00:00 UTC).", valueName: "YYYY-MM-DD")) var since: LocalDate?
        @Option(help: "Only events by this user (front desk, or the command line's operating-system user).") var user: String?
        @Option(help: ArgumentHelp("Only events about this quote.", valueName: "Q-2026-000123")) var quote: QuoteNumber?
        @Option(help: "text (a table), csv or json (one object a line) (default: text).") var format: AuditFormat = .text

        func run() throws {
            let filter = AuditFilter(since: since.map(AuditEvent.seconds(startOf:)), user: user, quote: quote)
            let format = format
            let count = try ledger.with(create: false, access: .read) { store in
                var count = 0, rows = [AuditListing.columns]
                try await AuditListing.forEach(in: store, matching: filter) { page in
                    switch format {
                    case .text: rows += page.map(AuditListing.fields)
                    case .csv: Terminal.writeMachine(AuditListing.csv(page, header: count == 0))
                    case .json: Terminal.writeMachine(AuditListing.jsonLines(page))
                    }
                    count += page.count
                }
                if format == .csv && count == 0 { Terminal.writeMachine(AuditListing.csv([], header: true)) }
                if format == .text { Terminal.write(TextLayout.table(rows, rightAligned: [0]) + "\n") }
                return count
            }
            note("\(count) event\(count == 1 ? "" : "s") in \(ledger.address.shown)")
        }
    }
}

/// `audit list --format`.
enum AuditFormat: String, ExpressibleByArgument, CaseIterable { case text, csv, json }

/// `Q-2026-000123`.
extension QuoteNumber: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
