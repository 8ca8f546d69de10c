import ArgumentParser
import Ledger
import Pricing
import Reports
import Workflows

/// `spaquote ledger list|show|accept|decline`.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "List saved quotes, show one, record a client's answer, or copy the ledger.",
        subcommands: [List.self, Show.self, Accept.self, Decline.self, Copy.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List saved quotes, oldest first.")
        @OptionGroup var ledger: LedgerOptions
        @Option(help: ArgumentHelp("Only quotes dated in this month.", valueName: "YYYY-MM")) var month: YearMonth?
        @Option(help: "Only quotes with this status.") var status: QuoteStatus?

        func run() throws {
            let store = try ledger.open(create: false, access: .read)
            let filter = Self.filter(month: month, status: status)
            let rows = try LedgerOpening.using(store) { store in
                var rows = [["quote_id", "quote_date", "client", "location", "tier", "sessions", "total", "status", "accepted_on", "valid_until"]]
                try await store.forEachEntry(matching: filter) { e in
                    let q = e.quote
                    rows.append([q.quoteID, q.quoteDate.description, q.request.client, q.request.location, q.request.tier,
                                 String(q.request.sessions), q.total.description, q.request.status.rawValue,
                                 q.request.acceptedOn?.description ?? "", q.validUntil.description])
                }
                return rows
            }
            Terminal.write(TextLayout.table(rows, rightAligned: [5, 6]) + "\n")
            note("\(rows.count - 1) quote\(rows.count == 2 ? "" : "s") in \(store.name)")
        }

        /// `--month` and `--status` as a filter.
        static func filter(month: YearMonth?, status: QuoteStatus?) -> QuoteFilter {
            let parts = [month.map(QuoteFilter.quotedIn), status.map(QuoteFilter.status)].compactMap { $0 }
            return parts.isEmpty ? .all : parts.count == 1 ? parts[0] : .and(parts)
        }
    }

    /// `ledger show ID`: the saved quote on the terminal, or with `--output` written to a
    /// file again exactly as it was issued, from the figures the ledger stored; it is never
    /// priced again, so a rate card changed since prints the same figures.
    ///
    /// The ledger does not store the clinic's details. A client quote (`--output q.xlsx`)
    /// takes its letterhead, terms and paper from the `[clinic]` table of the rate card
    /// given with `--pricing` (only that table is used: no price, rule or name of the card);
    /// without `--pricing` it has no letterhead. `--pricing` is refused for other outputs.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a saved quote, or write it again as issued.",
            discussion: "With --output the quote is written from the figures the ledger stored, never priced again: "
                + ".pdf or .xlsx (the client quote) or .json. The ledger keeps no clinic details: --pricing CARD gives the client "
                + "quote the letterhead, terms and paper of CARD's [clinic] table; the figures still come from the ledger."
        )
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The quote id (Q-2026-000123).") var id: String
        enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }
        @Option(help: "How to show it on the terminal (default: table).") var format: Format?
        @Option(help: "Write the quote to this file instead: .pdf or .xlsx (the client quote) or .json.") var output: String?
        @Option(help: "A rate card whose [clinic] table gives the client quote's letterhead (figures stay as saved).")
        var pricing: String?

        func run() throws {
            if let output {
                let chosen = try checkOutput(output)
                let clinic = try pricing.map { try loadRateCard($0).clinic } ?? nil
                if let pricing, clinic == nil { note("\(pricing) has no [clinic] table: the quote is written without a letterhead") }
                let entry = try ledger.with(create: false, access: .read) { [id] in try await $0.entry(id: id) }
                do { try Self.writer(for: chosen, clinic: clinic)?(entry.quote, output) } catch { throw fail(error) }
                note("wrote \(output)")
                return
            }
            if pricing != nil {
                throw fail("--pricing gives the letterhead of a client quote written with --output FILE.xlsx; leave it out, or add --output", code: 64)
            }
            let (entry, history) = try ledger.with(create: false, access: .read) { [id] store in
                let entry = try await store.entry(id: id)
                var history: [AuditEvent] = []
                let filter = AuditFilter(quote: QuoteNumber(entry.quote.quoteID))
                try await AuditListing.forEach(in: store, matching: filter) { history += $0 }
                return (entry, history)
            }
            switch format ?? .table {
            case .json: Terminal.write(QuoteJSON.render(entry.quote))
            case .table:
                let r = entry.quote.request
                let accepted: TerminalText = r.acceptedOn.map { " on \($0)" } ?? ""
                let line: TerminalText = entry.line.map { " line \($0)" } ?? ""
                let status: TerminalText = "\nStatus: \(r.status.rawValue)\(accepted); saved from \(entry.source)\(line); rate card text \(entry.rateCardHash)\n"
                Terminal.write(QuoteTable.render(entry.quote) + status.description + Self.history(history))
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
            let id = id, change = StatusChange.accept(on: day, overriding: force), audit = CommandLineAudit.recording()
            try ledger.with(create: false, remedy: { Self.forceRemedy($0, day: day) }) { try await $0.changeStatus(id: id, change, audit: audit) }
            note("\(id): accepted on \(day)")
        }
    }

    struct Decline: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that the client declined a quote.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The quote id.") var id: String

        func run() throws {
            let audit = CommandLineAudit.recording()
            try ledger.with(create: false) { [id] in try await $0.changeStatus(id: id, .decline, audit: audit) }
            note("\(id): declined")
        }
    }
}

extension LedgerCommand.Accept {
    /// What `--force` would do about a refusal it may override, in the command line's
    /// words (appended to the ledger's message), or nil.
    static func forceRemedy(_ error: LedgerError, day: LocalDate) -> String? {
        guard case let .statusChange(_, refusal) = error, refusal.overridable else { return nil }
        switch refusal {
        case .expired: return ", or add --force to accept it on \(day) all the same"
        default: return "; add --force to accept it all the same"
        }
    }
}
