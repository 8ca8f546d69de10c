import ArgumentParser
import Ledger
import Pricing
import Reports

/// `spaquote ledger list|show|accept|decline`.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "List saved quotes, show one, or record a client's answer.",
        subcommands: [List.self, Show.self, Accept.self, Decline.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List saved quotes, oldest first.")
        @OptionGroup var ledger: LedgerOptions
        @Option(help: ArgumentHelp("Only quotes dated in this month.", valueName: "YYYY-MM")) var month: YearMonth?
        @Option(help: "Only quotes with this status.") var status: QuoteStatus?

        func run() throws {
            let l = try ledger.open(create: false, access: .read)
            var rows = [["quote_id", "quote_date", "client", "location", "tier", "sessions", "total", "status", "accepted_on", "valid_until"]]
            try reportingErrors {
                try l.forEachEntry(month: month, status: status) { e in
                    let q = e.quote
                    rows.append([q.quoteID, q.quoteDate.description, q.request.client, q.request.location, q.request.tier,
                                 String(q.request.sessions), q.total.description, q.request.status.rawValue,
                                 q.request.acceptedOn?.description ?? "", q.validUntil.description])
                }
            }
            Terminal.write(TextLayout.table(rows, rightAligned: [5, 6]) + "\n")
            note("\(rows.count - 1) quote\(rows.count == 2 ? "" : "s") in \(l.path)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a saved quote.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The quote id (Q-2026-000123).") var id: String
        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }
        @Option(help: "How to show it.") var format: Format = .table

        func run() throws {
            let entry = try reportingErrors { try ledger.open(create: false, access: .read).entry(id) }
            switch format {
            case .json: Terminal.write(QuoteJSON.render(entry.quote))
            case .table:
                let r = entry.quote.request
                let accepted: TerminalText = r.acceptedOn.map { " on \($0)" } ?? ""
                let line: TerminalText = entry.line.map { " line \($0)" } ?? ""
                let status: TerminalText = "\nStatus: \(r.status.rawValue)\(accepted); saved from \(entry.source)\(line); rate card text \(entry.rateCardHash)\n"
                Terminal.write(QuoteTable.render(entry.quote) + status.description)
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that the client accepted a quote.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The quote id.") var id: String
        @Option(help: ArgumentHelp("The day of acceptance (default: today).", valueName: "YYYY-MM-DD")) var on: LocalDate?
        @Flag(help: "Accept a quote past its validity, or one that was declined.") var force = false

        func run() throws {
            let day = Today.resolve(on)
            try reportingErrors { try ledger.open(create: false).accept(id, on: day, force: force) }
            note("\(id): accepted on \(day)")
        }
    }

    struct Decline: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that the client declined a quote.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The quote id.") var id: String

        func run() throws {
            try reportingErrors { try ledger.open(create: false).decline(id) }
            note("\(id): declined")
        }
    }
}
