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
        @Option(help: "Only quotes dated in this month, YYYY-MM.") var month: String?
        @Option(help: "Only quotes with this status: quoted, accepted or declined.") var status: String?

        func run() throws {
            var m: YearMonth?
            if let month {
                guard let parsed = YearMonth(iso: month) else { throw fail("--month '\(month)' is not a month; write YYYY-MM", code: 64) }
                m = parsed
            }
            var s: QuoteStatus?
            if let status {
                guard let parsed = QuoteStatus(rawValue: status) else {
                    throw fail("--status '\(status)' is not a status; use quoted, accepted or declined", code: 64)
                }
                s = parsed
            }
            let l = try ledger.open(create: false, access: .read)
            var rows = [["quote_id", "quote_date", "client", "location", "tier", "sessions", "total", "status", "accepted_on", "valid_until"]]
            try reportingErrors {
                try l.forEachEntry(month: m, status: s) { e in
                    let q = e.quote
                    rows.append([q.quoteID, q.quoteDate.description, q.request.client, q.request.location, q.request.tier,
                                 String(q.request.sessions), q.total.description, q.request.status.rawValue,
                                 q.request.acceptedOn?.description ?? "", q.validUntil.description])
                }
            }
            print(TextLayout.table(rows, rightAligned: [5, 6]))
            note("\(rows.count - 1) quote\(rows.count == 2 ? "" : "s") in \(l.path)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a saved quote.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The quote id (Q-2026-000123).") var id: String
        @Option(help: "table or json.") var format: String = "table"

        func run() throws {
            let entry = try reportingErrors { try ledger.open(create: false, access: .read).entry(id) }
            switch format {
            case "json": print(QuoteJSON.render(entry.quote), terminator: "")
            case "table":
                print(QuoteTable.render(entry.quote), terminator: "")
                let r = entry.quote.request
                print("\nStatus: \(r.status.rawValue)" + (r.acceptedOn.map { " on \($0)" } ?? "")
                      + "; saved from \(entry.source)" + (entry.line.map { " line \($0)" } ?? "")
                      + "; rate card text \(entry.rateCardHash)")
            default: throw fail("--format '\(format)' is not table or json", code: 64)
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that the client accepted a quote.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The quote id.") var id: String
        @Option(help: "The day of acceptance, YYYY-MM-DD (default: today).") var on: String?
        @Flag(help: "Accept a quote past its validity, or one that was declined.") var force = false

        func run() throws {
            let day = try Today.resolve(on)
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
