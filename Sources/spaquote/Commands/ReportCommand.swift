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
        @Option(help: "First month, YYYY-MM.") var from: String
        @Option(help: "Last month, YYYY-MM (default: the first).") var to: String?
        @Option(help: "FILE.csv or FILE.xlsx.") var output: String

        func run() throws {
            guard let first = YearMonth(iso: from) else { throw fail("--from '\(from)' is not a month; write YYYY-MM", code: 64) }
            guard let last = YearMonth(iso: to ?? from) else { throw fail("--to '\(to ?? "")' is not a month; write YYYY-MM", code: 64) }
            guard first <= last else { throw fail("--to \(last) is before --from \(first); put them in order", code: 64) }
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
