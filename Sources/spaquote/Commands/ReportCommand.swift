import ArgumentParser
import Ledger
import Pricing
import Reports

/// `spaquote report monthly`.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Revenue reports from the ledger.",
        subcommands: [Monthly.self]
    )

    struct Monthly: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Monthly booked, recognized and deferred revenue, by location and tier.",
            discussion: "CSV: SPEC section 7's rows. XLSX: Summary (with a chart), By location, Accepted quotes.")
        @OptionGroup var ledger: LedgerOptions
        @Option(help: ArgumentHelp("First month.", valueName: "YYYY-MM")) var from: YearMonth
        @Option(help: ArgumentHelp("Last month (default: the first).", valueName: "YYYY-MM")) var to: YearMonth?
        @Option(help: "FILE.csv or FILE.xlsx.") var output: String

        func validate() throws {
            if let to, to < from { throw ValidationError("--to \(to) is before --from \(from); put them in order") }
        }

        func run() throws {
            try checkOutput()
            let first = from, last = to ?? from
            let l = try ledger.open(create: false, access: .read)
            try reportingErrors {
                let writer = try MonthlyReportWriter(path: output, from: first, to: last, currency: try l.currency() ?? "USD")
                do {
                    try l.forEachRevenueRecord { try writer.add($0) }
                    try writer.finish()
                } catch {
                    writer.discard()
                    throw error
                }
            }
            note("wrote \(output): \(first) to \(last) from \(l.path)")
        }
    }
}

extension ReportCommand.Monthly {
    /// Before anything is read or written: the report is not the ledger (nor a file SQLite
    /// keeps beside it) and names CSV or XLSX; then the leftovers of killed runs on it are removed.
    func checkOutput() throws {
        var plan = OutputPlan()
        plan.ledger(ledger)
        plan.output("--output", output)
        try plan.check()
        _ = try outputFormat("--output", output, allowed: [.csv, .xlsx])
        plan.removeLeftovers()
    }
}
