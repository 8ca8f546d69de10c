import ArgumentParser
import Ledger
import Pricing
import Reports
import Workflows

extension LedgerCommand.Show {
    /// The quote's history from the audit trail, as the table shows it after the quote:
    /// a heading, then an event a line (time in UTC, action, who, from where, detail).
    static func history(_ events: [AuditEvent]) -> String {
        guard !events.isEmpty else { return "History: nothing recorded in the audit trail\n" }
        let rows = [["time (UTC)", "action", "by", "address", "detail"]]
            + events.map { e in [e.time, e.action.rawValue, e.actor.description, e.address ?? "", e.detail] }
        return "History:\n" + TextLayout.table(rows) + "\n"
    }

    /// What writes a saved quote as `format` (`clinic` is the letterhead of a client
    /// quote), or nil for a format `ledger show --output` does not write. The formats
    /// allowed, and the usage message listing them, follow from this switch alone.
    static func writer(for format: OutputFormat, clinic: ClinicDetails?) -> ((Quote, String) throws(ReportError) -> Void)? {
        switch format {
        case .json: return { q, path throws(ReportError) in try AtomicFile.write(QuoteJSON.render(q), to: path) }
        case .xlsx: return { q, path throws(ReportError) in try ClientQuoteWorkbook.write(q, clinic: clinic, to: path) }
        case .pdf: return { q, path throws(ReportError) in try ClientQuotePDF.write(q, clinic: clinic, to: path) }
        default: return nil
        }
    }

    /// The formats `--output` may name, in the order of ``OutputFormat/allCases``.
    static var writableFormats: [OutputFormat] { OutputFormat.allCases.filter { writer(for: $0, clinic: nil) != nil } }

    /// Before anything is read or written: `--output` names a format `ledger show` writes
    /// (a usage error listing the extensions otherwise), `--format` (the terminal's) and
    /// `--pricing` fit it, and it is not the ledger or the rate card; then the leftovers of
    /// killed runs on the output are removed.
    func checkOutput(_ output: String) throws -> OutputFormat {
        let chosen = try outputFormat("--output", output, allowed: Self.writableFormats)
        if let format {
            throw fail("--format \(format.rawValue) chooses how the terminal shows the quote; with --output the file's extension "
                       + "chooses the format. Leave out --format", code: 64)
        }
        if pricing != nil && chosen == .json {
            throw fail("--pricing gives the letterhead of a client quote; the JSON quote '\(output)' has none. Leave out --pricing", code: 64)
        }
        var plan = OutputPlan()
        if let pricing { plan.input("--pricing", pricing) }
        plan.ledger(ledger)
        plan.output("--output", output)
        try plan.check()
        plan.removeLeftovers()
        return chosen
    }
}
