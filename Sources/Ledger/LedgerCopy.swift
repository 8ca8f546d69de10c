/// `ledger copy`: every quote of one ledger into another, empty one, with the same id,
/// status, figures, source and line; checked afterwards by ``LedgerSummary``.
public enum LedgerCopy {
    /// Quotes read and written at a time.
    public static let pageSize = 5_000

    /// Copies every quote of `source` into `target`, in one save transaction on `target`
    /// (all or nothing), then compares the two summaries. `progress` is called with the
    /// quotes copied so far.
    ///
    /// - Throws: ``LedgerError/notEmpty(ledger:quotes:)`` when `target` holds quotes;
    ///   ``LedgerError/database(ledger:reason:)`` when the summaries differ afterwards
    ///   (the copy is then left in place for inspection, and the message says so).
    @discardableResult
    public static func run(from source: any LedgerStore, to target: any LedgerStore,
                           progress: ((Int) -> Void)? = nil) async throws -> LedgerSummary {
        let before = try await source.summary()
        let existing = try await target.summary()
        guard existing.quotes == 0 else { throw LedgerError.notEmpty(ledger: target.name, quotes: existing.quotes) }
        let session = try await target.beginSave()
        do {
            var after: QuoteNumber?, copied = 0
            while true {
                let page = try await source.entries(matching: .all, after: after, limit: pageSize)
                guard let last = page.last else { break }
                var rows: [QuoteRow] = []
                rows.reserveCapacity(page.count)
                for entry in page {
                    guard let row = QuoteRow(entry) else {
                        throw LedgerError.unreadableRow(ledger: source.name, quote: "quote \(entry.quote.quoteID)", column: "quote_id",
                                                        value: entry.quote.quoteID, problem: "not a quote id (Q-YYYY-NNNNNN)")
                    }
                    rows.append(row)
                }
                try await session.insert(rows)
                copied += rows.count
                progress?(copied)
                after = QuoteNumber(last.quote.quoteID)
            }
            try await session.commit()
        } catch {
            await session.rollback()
            throw error
        }
        let copiedSummary = try await target.summary()
        guard copiedSummary == before else {
            throw LedgerError.database(ledger: target.name, reason: "after the copy it holds \(copiedSummary), but \(source.name) held \(before) when the copy began (was it saved to meanwhile?); compare the two, and remove the copy to try again")
        }
        return copiedSummary
    }
}
