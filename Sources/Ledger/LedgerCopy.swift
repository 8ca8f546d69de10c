/// `ledger copy`: every quote of one ledger into another, empty one, with the same id,
/// status, figures, source and line, and each quote's client link (its token, revocation
/// and acceptance: a client's link keeps working after the copy) and client contact;
/// checked afterwards by ``LedgerSummary`` and the counts of links and contacts.
///
/// Not copied: the audit trail, accounts, API tokens and sessions (a ledger's staff are
/// its own; `spaquote user add` makes them on the target).
public enum LedgerCopy {
    /// Quotes read and written at a time (and quotes' links and contacts).
    public static let pageSize = 5_000

    /// What a copy carried over.
    public struct Copied: Sendable, Equatable {
        /// The target's counts and totals after the copy, equal to the source's.
        public var summary: LedgerSummary
        /// Client links carried over.
        public var links: Int
        /// Client contacts carried over.
        public var contacts: Int

        public init(summary: LedgerSummary, links: Int, contacts: Int) {
            self.summary = summary; self.links = links; self.contacts = contacts
        }
    }

    /// Copies every quote of `source`, with its link and (unless `contacts` is false) its
    /// contact, into `target`, in one save transaction on `target` (all or nothing), then
    /// compares the two summaries and counts the target's links and contacts. `progress`
    /// is called with the quotes copied so far.
    ///
    /// - Throws: ``LedgerError/notEmpty(ledger:quotes:)`` when `target` holds quotes;
    ///   ``LedgerError/database(ledger:reason:)`` when the summaries or counts differ
    ///   afterwards (the copy is then left in place for inspection, and the message says so).
    @discardableResult
    public static func run(from source: any LedgerStore, to target: any LedgerStore, contacts: Bool = true,
                           progress: ((Int) -> Void)? = nil) async throws -> Copied {
        let before = try await source.summary()
        let existing = try await target.summary()
        guard existing.quotes == 0 else { throw LedgerError.notEmpty(ledger: target.name, quotes: existing.quotes) }
        let transaction = try await target.beginSave()
        var copied = Copied(summary: before, links: 0, contacts: 0)
        do {
            try await copyQuotes(from: source, into: transaction, progress: progress)
            if let links = source as? any ShareLinkStore {
                (copied.links, copied.contacts) = try await copyAttachments(from: links, into: transaction, contacts: contacts)
            }
            try await transaction.commit()
        } catch {
            await transaction.rollback()
            throw error
        }
        copied.summary = try await target.summary()
        var held = (links: 0, contacts: 0)
        if let links = target as? any ShareLinkStore { held = try await counts(links) }
        guard copied.summary == before, held == (copied.links, copied.contacts) else {
            throw LedgerError.database(ledger: target.name, reason: "after the copy it holds \(copied.summary) with \(held.0) client links and \(held.1) contacts, but \(source.name) held \(before) with \(copied.links) and \(copied.contacts) when the copy began (was it saved to meanwhile?); compare the two, and remove the copy to try again")
        }
        return copied
    }

    /// Inserts every quote of `source`, page by page, in id order.
    private static func copyQuotes(from source: any LedgerStore, into transaction: any SaveTransaction,
                                   progress: ((Int) -> Void)?) async throws {
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
            try await transaction.insert(rows)
            copied += rows.count
            progress?(copied)
            after = QuoteNumber(last.quote.quoteID)
        }
    }

    /// Attaches every link and (when `contacts`) contact of `source` to the quotes inserted
    /// (which the transaction holds once flushed); returns how many links and contacts.
    private static func copyAttachments(from source: any ShareLinkStore, into transaction: any SaveTransaction,
                                        contacts: Bool) async throws -> (links: Int, contacts: Int) {
        try await transaction.flush()
        var attached = (links: 0, contacts: 0)
        _ = try await pages(of: source) { page in
            var page = page
            if !contacts {
                page = page.compactMap { attachment in
                    var kept = attachment
                    kept.contact = nil
                    return kept.linkTokenHash == nil ? nil : kept
                }
            }
            try await transaction.attach(page)
            attached.links += page.count(where: { $0.linkTokenHash != nil })
            attached.contacts += page.count(where: { $0.contact != nil })
        }
        return attached
    }

    /// The links and contacts `store` holds.
    private static func counts(_ store: any ShareLinkStore) async throws -> (links: Int, contacts: Int) {
        try await pages(of: store) { _ in }
    }

    /// Hands every page of `store`'s ``ShareLinkStore/attachments(after:limit:)`` to `body`;
    /// returns how many links and contacts they held.
    private static func pages(of store: any ShareLinkStore,
                              _ body: ([QuoteAttachment]) async throws -> Void) async throws -> (links: Int, contacts: Int) {
        var after: QuoteNumber?, links = 0, contacts = 0
        while true {
            let page = try await store.attachments(after: after, limit: pageSize)
            guard let last = page.last else { return (links, contacts) }
            try await body(page)
            links += page.count(where: { $0.linkTokenHash != nil })
            contacts += page.count(where: { $0.contact != nil })
            after = last.quote
        }
    }
}
