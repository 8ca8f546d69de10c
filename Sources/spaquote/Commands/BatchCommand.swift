import ArgumentParser
import Foundation
import Ledger
import Pricing
import Reports
import Workflows

/// `spaquote batch`: price every row of a requests CSV.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Price every request of a CSV file into a quotes CSV or XLSX, and a rejects CSV.",
        discussion: """
        Every data row ends in exactly one output: the quotes (OUT.csv or OUT.xlsx) or the rejects \
        (default: OUT's name with .rejects.csv), with the row's line and the reason. Exit status 0 when \
        every row was quoted, 3 when any was rejected; both outputs are written either way.
        """
    )

    @Option(help: "The rate card (TOML).") var pricing: String
    @Argument(help: "The requests CSV (header row naming the columns of SPEC section 3).") var requests: String
    @Option(help: "The quotes file: .csv or .xlsx.") var output: String
    @Option(help: "The rejects CSV (default: OUT's name with .rejects.csv).") var rejects: String?
    @Option(help: ArgumentHelp("Also write each quote as a client PDF, QUOTE_ID.pdf, into this existing folder (all or none).",
                               valueName: "DIR"))
    var clientQuotes: String?
    @Option(help: ArgumentHelp("\"Today\" for rows without a quote_date (default: the local date).", valueName: "YYYY-MM-DD"))
    var date: LocalDate?
    @Flag(help: "Save every quote in the ledger, all or nothing, with the rows' status and accepted_on as history.")
    var save = false
    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let rejectsPath = rejects ?? BatchRun.defaultRejectsPath(for: output)
        try checkOutputs(rejectsPath: rejectsPath)
        let card = try loadRateCard(pricing)
        var batch = BatchRun(card: card, requestsPath: requests, outputPath: output, rejectsPath: rejectsPath,
                             today: Today.resolve(date))
        batch.progress = ProgressLine.reporter()
        if let clientQuotes {
            let clinic = card.clinic
            batch.clientQuotes = try reportingErrors {
                try ClientQuoteFolder(folder: clientQuotes, clinic: clinic, inputs: [pricing, requests] + (ledger.address.filePath.map { [$0] } ?? []))
            }
        }
        let summary: BatchSummary
        do {
            summary = try run(batch)
        } catch {
            batch.clientQuotes?.discard()   // the process exits next: no deinit would remove the staging folder
            throw error
        }
        let ignored = summary.ignoredColumns
        if !ignored.isEmpty {
            let shown = ignored.prefix(5).joined(separator: ", ") + (ignored.count > 5 ? " and \(ignored.count - 5) more" : "")
            note("spaquote: warning: \(requests): ignored \(ignored.count) unknown column\(ignored.count == 1 ? "" : "s"): \(shown)")
        }
        note("\(requests): \(summary.rows) rows: \(summary.quoted) quoted -> \(output), \(summary.rejected) rejected -> \(batch.rejectsPath)")
        if let clientQuotes { note("wrote \(summary.quoted) client quote\(summary.quoted == 1 ? "" : "s") (PDF) into \(clientQuotes)") }
        if summary.rejected > 0 { throw ExitCode(rejectedExitCode) }
    }
}

extension BatchCommand {
    /// Runs the batch, in the ledger's transaction with `--save`.
    private func run(_ batch: BatchRun) throws -> BatchSummary {
        let summary: BatchSummary
        if save {
            let store = try ledger.open(create: true)
            let result = Result { try BatchSave(batch, into: store, audit: CommandLineAudit.recording()).runBlocking() }
            try? Blocking.run { try await store.close() }
            summary = try reportingErrors { try result.get() }
            note("saved \(summary.quoted) quote\(summary.quoted == 1 ? "" : "s") in \(store.name)")
        } else {
            summary = try reportingErrors { try batch.run() }
        }
        return summary
    }

    /// Before anything is read or written: no output is the same file as an input or the
    /// other output, `--output` names CSV or XLSX and `--rejects` CSV; then the leftovers
    /// of killed runs on them are removed.
    func checkOutputs(rejectsPath: String) throws {
        var plan = OutputPlan()
        plan.input("--pricing", pricing)
        plan.input("the requests file", requests)
        if save { plan.ledger(ledger, written: true) }
        plan.output("--output", output)
        if let rejects {
            plan.output("--rejects", rejects)
        } else {
            plan.output("the rejects file (named after --output)", rejectsPath, remedy: "name the rejects file with --rejects FILE.csv")
        }
        try plan.check()
        _ = try outputFormat("--output", output, allowed: [.csv, .xlsx])
        if let rejects { try checkRejectsName(rejects) }
        plan.removeLeftovers()
        if let clientQuotes {
            let removed = ClientQuoteFolder.removeLeftovers(in: clientQuotes)
            if !removed.isEmpty {
                note("spaquote: removed \(removed.count) client quotes folder\(removed.count == 1 ? "" : "s") left by a run that was killed: "
                     + "\(removed.joined(separator: ", "))")
            }
        }
    }
}
