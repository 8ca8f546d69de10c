import ArgumentParser
import Foundation
import Ledger
import Pricing
import Reports
import Workflows

/// `spaquote quote`: price one request and show or write the quote.
struct QuoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quote",
        abstract: "Price one treatment plan.",
        discussion: "Shows the quote in the terminal, or writes it as CSV, JSON, XLSX or a one-page client PDF (the format follows --output's extension)."
    )

    @Option(help: "The rate card (TOML).") var pricing: String
    @Option(help: "Location id.") var location: String
    @Option(help: "Practitioner tier id.") var tier: String
    @Option(help: "Area ids, comma separated (face,neck).") var areas: String
    @Option(help: "Number of sessions.") var sessions: String
    @Option(help: "Weeks between sessions (default: the rate card's).") var spacingWeeks: String?
    @Option(help: ArgumentHelp("Day of the first session (default: the quote date).", valueName: "YYYY-MM-DD"))
    var start: LocalDate?
    @Option(name: .customLong("addon"), help: "An add-on id; repeat for more.") var addons: [String] = []
    @Option(help: "Promotion code.") var promo: String?
    @Option(help: "Client name.") var client: String?
    @Option(help: "Request id recorded on the quote.") var requestId: String = "walk-in"
    @Option(help: "Status (for recording history).") var status: QuoteStatus?
    @Option(help: ArgumentHelp("Day the client accepted (with --status accepted).", valueName: "YYYY-MM-DD"))
    var acceptedOn: LocalDate?
    @Option(help: ArgumentHelp("The quote date (default: today).", valueName: "YYYY-MM-DD")) var date: LocalDate?
    @Option(help: "table, csv, json, xlsx or pdf (default: from --output's extension, else table).") var format: OutputFormat?
    @Option(help: "Write the quote to this file instead of the terminal.") var output: String?
    @Flag(help: "Save the quote in the ledger (it then carries the ledger's id).") var save = false
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let chosen = try checkOutput()
        let card = try loadRateCard(pricing)
        let today = Today.resolve(date)
        let fields = RequestFields(
            requestID: requestId, client: client, location: location, tier: tier,
            areas: areas.replacingOccurrences(of: ",", with: ";"), sessions: sessions, spacingWeeks: spacingWeeks,
            startDate: start?.description, addons: addons.isEmpty ? nil : addons.joined(separator: ";"), promo: promo,
            quoteDate: nil, status: status?.rawValue, acceptedOn: acceptedOn?.description)
        var quote: Quote
        do {
            quote = try QuoteEngine.quote(QuoteRequest(fields: fields), card: card, today: today)
        } catch {
            throw fail(rejection(error), code: rejectedExitCode)
        }
        if save {
            // The file is written inside the save, with the ledger's id: if it cannot be
            // written, nothing is saved (and a rerun does not save the quote twice).
            let unsaved = quote, hash = card.contentHash, clinic = card.clinic, command = self
            let store = try ledger.open(create: true), audit = CommandLineAudit.recording()
            quote = try LedgerOpening.using(store) { store in
                try await QuoteSave.run(unsaved, into: store, rateCardHash: hash, audit: audit) { saved in
                    try command.writeFile(saved, as: chosen, clinic: clinic)
                }
            }
            note("saved \(quote.quoteID) in \(store.name)")
        } else {
            try reportingErrors { try writeFile(quote, as: chosen, clinic: card.clinic) }
        }
        if let output {
            note("wrote \(output)")
        } else {
            let text = Self.text(quote, as: chosen)
            chosen == .csv ? Terminal.writeMachine(text) : Terminal.write(text)
        }
    }

    /// Writes `quote` to `--output` in `format`, atomically; nothing without `--output`.
    func writeFile(_ quote: Quote, as format: OutputFormat, clinic: ClinicDetails?) throws(ReportError) {
        guard let output else { return }
        switch format {
        case .xlsx: try ClientQuoteWorkbook.write(quote, clinic: clinic, to: output)
        case .pdf: try ClientQuotePDF.write(quote, clinic: clinic, to: output)
        default: try AtomicFile.write(Self.text(quote, as: format), to: output)
        }
    }

    /// The quote as text in `format` (the table, JSON or CSV).
    static func text(_ quote: Quote, as format: OutputFormat) -> String {
        switch format {
        case .json: QuoteJSON.render(quote)
        case .csv: CSVText.quotes([quote])
        default: QuoteTable.render(quote)
        }
    }
}

extension QuoteCommand {
    /// Before anything is read or written: `--output` is not the rate card or the ledger,
    /// and the ledger saved to is not the rate card; the format (`--format`, else
    /// `--output`'s extension, else the table) matches `--output`'s extension; then the
    /// leftovers of killed runs on the output are removed.
    func checkOutput() throws -> OutputFormat {
        var plan = OutputPlan()
        plan.input("--pricing", pricing)
        if save { plan.ledger(ledger, written: true) }
        if let output { plan.output("--output", output) }
        try plan.check()
        guard let output else {
            if format == .xlsx { throw fail("--format xlsx needs --output FILE.xlsx (a workbook cannot go to the terminal)", code: 64) }
            if format == .pdf { throw fail("--format pdf needs --output FILE.pdf (a PDF cannot go to the terminal)", code: 64) }
            return format ?? .table
        }
        let chosen: OutputFormat
        if let format {
            do { try format.check(path: output) } catch {
                throw fail("--format \(format.rawValue) does not match --output '\(output)': its extension .\(fileExtension(output)) "
                           + "names \(error.named.displayName). Name the file '\(error.suggestedPath)', or leave out --format", code: 64)
            }
            chosen = format
        } else {
            chosen = try outputFormat("--output", output, allowed: OutputFormat.allCases)
        }
        plan.removeLeftovers()
        return chosen
    }
}
