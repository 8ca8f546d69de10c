import Pricing

/// A single quote as a client-facing workbook that prints on one portrait page: the
/// clinic's letterhead (when the rate card has a `[clinic]` table), client, plan, price
/// waterfall, add-ons, tax, total, deposit, the dated sessions with their installments,
/// the clinic's terms and an acceptance block, with a header and footer.
///
/// Columns: A labels and session numbers, B dates, C weekdays, D notes (a session moved
/// off a closed day), E amounts. Money is written as numbers in the quote's currency
/// format; dates as date cells. The clinic's logo is not placed in the workbook (the PDF
/// client quote draws it).
public enum ClientQuoteWorkbook {
    /// Writes the workbook to `path` atomically; `clinic` (the rate card's `[clinic]`
    /// table, nil for none) gives the letterhead, terms and paper size. Only figures
    /// stored in `q` are printed: nothing is priced again.
    /// - Throws: ``ReportError/exceedsWorkbookLimits(path:reason:)`` before anything is
    ///   written when a value is more than a cell holds (``XLSXLimits``).
    public static func write(_ q: Quote, clinic: ClinicDetails? = nil, to path: String) throws(ReportError) {
        if let problem = XLSXLimits.problem(with: q) { throw .exceedsWorkbookLimits(path: path, reason: problem) }
        let file = try AtomicFile(destination: path)
        do {
            let wb = try XLSXWorkbook(path: file.temporaryPath, displayPath: path, constantMemory: false)
            try wb.setProperties(title: "Quote \(q.quoteID)", subject: "Microneedling treatment plan",
                                 comments: "Rate card \(q.rateCardName), version \(q.rateCardVersion)", created: q.quoteDate)
            let s = try wb.addSheet("Quote")
            var layout = ClientQuoteLayout(sheet: s, quote: q, clinic: clinic)
            try layout.layOut()
            try wb.close()
            try XLSXVerifier.verify(path: file.temporaryPath, displayPath: path, rows: [:])
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// `&` starts a header/footer code; a literal one is doubled.
    static func escape(_ s: String) -> String { s.replacing("&", with: "&&") }
}
