/// `ledger copy`: every quote of one ledger into another, empty one, with the same id,
/// status, figures, source and line, each quote's client link (its token, revocation and
/// acceptance: a client's link keeps working after the copy) and client contact, and the
/// audit trail (each event with its time, actor, address, quote and detail, appended
/// after the events the target holds, in the source's order: a quote's history reads the
/// same); checked afterwards by ``LedgerSummary`` and the counts of links, contacts and
/// events.
///
/// Not copied: accounts, API tokens and sessions (a ledger's staff are its own;
/// `spaquote user add` makes them on the target).
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
        /// Audit events carried over.
        public var events: Int

        public init(summary: LedgerSummary, links: Int, contacts: Int, events: Int = 0) {
            self.summary = summary; self.links = links; self.contacts = contacts; self.events = events
        }
    }

    /// Copies every quote of `source`, with its link and (unless `contacts` is false) its
    /// contact, and `source`'s audit trail into `target`, in one save transaction on
    /// `target` (all or nothing), then
    /// compares the two summaries and counts the target's links, contacts and events. `progress`
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
        let eventsBefore = try await eventCount(target)
        let transaction = try await target.beginSave()
        var copied = Copied(summary: before, links: 0, contacts: 0)
        do {
            try await copyQuotes(from: source, into: transaction, progress: progress)
            if let links = source as? any ShareLinkStore {
                (copied.links, copied.contacts) = try await copyAttachments(from: links, into: transaction, contacts: contacts)
            }
            if let trail = source as? any AuditStore { copied.events = try await copyTrail(from: trail, into: transaction) }
            try await transaction.commit()
        } catch {
            await transaction.rollback()
            throw error
        }
        copied.summary = try await target.summary()
        var held = (links: 0, contacts: 0)
        if let links = target as? any ShareLinkStore { held = try await counts(links) }
        // A server over the target may append events of its own meanwhile (a chain's staff
        // signing in): the target must have gained at least the events copied.
        let events = try await eventCount(target) - eventsBefore
        guard copied.summary == before, held == (copied.links, copied.contacts), events >= copied.events else {
            throw LedgerError.database(ledger: target.name, reason: "after the copy it holds \(copied.summary), \(held.links) client links, \(held.contacts) client contacts and \(events) more audit events than before, but \(copied.links) links, \(copied.contacts) contacts and \(copied.events) events were copied and \(source.name) held \(before) when the copy began (was either ledger written to meanwhile?); compare the two, and remove the copy to try again")
        }
        return copied
    }

    /// Appends every event of `source`'s trail, page by page in id order; returns how many.
    private static func copyTrail(from source: any AuditStore, into transaction: any SaveTransaction) async throws -> Int {
        try await transaction.flush()
        var count = 0
        try await forEachPage({ try await source.auditEvents(matching: .all, after: $0, limit: pageSize) }, key: \.id) { page in
            try await transaction.appendAudit(page)
            count += page.count
        }
        return count
    }

    /// The events `store` holds (0 for a store without a trail).
    private static func eventCount(_ store: any LedgerStore) async throws -> Int {
        guard let trail = store as? any AuditStore else { return 0 }
        var count = 0
        try await forEachPage({ try await trail.auditEvents(matching: .all, after: $0, limit: pageSize) }, key: \.id) { count += $0.count }
        return count
    }

    /// Inserts every quote of `source`, page by page, in id order.
    private static func copyQuotes(from source: any LedgerStore, into transaction: any SaveTransaction,
                                   progress: ((Int) -> Void)?) async throws {
        var copied = 0
        try await forEachPage({ try await source.entries(matching: .all, after: $0, limit: pageSize) },
                              key: { QuoteNumber($0.quote.quoteID) }) { page in
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
        }
    }

    /// Attaches every link and (when `contacts`) contact of `source` to the quotes inserted
    /// (which the transaction holds once flushed); returns how many links and contacts.
    private static func copyAttachments(from source: any ShareLinkStore, into transaction: any SaveTransaction,
                                        contacts: Bool) async throws -> (links: Int, contacts: Int) {
        try await transaction.flush()
        var attached = (links: 0, contacts: 0)
        try await forEachPage({ try await source.attachments(after: $0, limit: pageSize) }, key: \.quote) { page in
            var page = page
            if !contacts {
                page = page.compactMap { attachment in
                    var kept = attachment
                    kept.contact = nil
                    return kept.linkTokenHash == nil ? nil : kept
                }
            }
            try await transaction.attach(page)
            attached = tally(attached, page)
        }
        return attached
    }

    /// The links and contacts `store` holds.
    private static func counts(_ store: any ShareLinkStore) async throws -> (links: Int, contacts: Int) {
        var held = (links: 0, contacts: 0)
        try await forEachPage({ try await store.attachments(after: $0, limit: pageSize) }, key: \.quote) { held = tally(held, $0) }
        return held
    }

    /// `counts` plus the links and contacts of `page`.
    private static func tally(_ counts: (links: Int, contacts: Int), _ page: [QuoteAttachment]) -> (links: Int, contacts: Int) {
        (counts.links + page.count(where: { $0.linkTokenHash != nil }), counts.contacts + page.count(where: { $0.contact != nil }))
    }

    /// Reads pages with `read` (given the key of the last item read, nil for the first page)
    /// until one comes back empty, handing each to `body`: the one paging loop of the copy.
    /// An item without a key ends the reading (never a loop back to the first page); the
    /// counts checked after the copy would then differ.
    private static func forEachPage<Item, Key>(_ read: (Key?) async throws -> [Item], key: (Item) -> Key?,
                                               _ body: ([Item]) async throws -> Void) async throws {
        var after: Key?
        while true {
            let page = try await read(after)
            guard let last = page.last else { return }
            try await body(page)
            guard let next = key(last) else { return }
            after = next
        }
    }
}
