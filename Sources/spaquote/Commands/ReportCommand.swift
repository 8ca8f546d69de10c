import ArgumentParser
import Ledger
import Pricing
import Reports
import Workflows

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
            let store = try ledger.open(create: false, access: .read)
            let output = output
            _ = try LedgerOpening.using(store) { try await MonthlyReport.write(from: $0, months: first, to: last, path: output) }
            note("wrote \(output): \(first) to \(last) from \(store.name)")
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
