import Ledger
import Pricing

extension LedgerStore {
    /// The saved quote with the id `id` (`Q-2026-000123`).
    ///
    /// - Throws: ``LedgerError/notFound(ledger:quoteID:)`` when there is none (an `id`
    ///   that is not a ledger id included).
    public func entry(id: String) async throws -> LedgerEntry {
        try await entry(try number(id))
    }

    /// Applies `change` to the quote with the id `id`; returns it as it now is.
    ///
    /// - Throws: ``LedgerError/notFound(ledger:quoteID:)``, or
    ///   ``LedgerError/statusChange(quoteID:refusal:)`` when the change does not apply.
    @discardableResult
    public func changeStatus(id: String, _ change: StatusChange) async throws -> LedgerEntry {
        try await changeStatus(of: try number(id), change)
    }

    /// Applies `change` to the quote with the id `id`, then records it in the audit trail
    /// with `audit` (quote accepted, with its day, or declined; ``AuditRecording``).
    @discardableResult
    public func changeStatus(id: String, _ change: StatusChange, audit: AuditRecording?) async throws -> LedgerEntry {
        let entry = try await changeStatus(id: id, change)
        if let audit {
            let r = entry.quote.request
            let action: AuditAction = r.status == .declined ? .quoteDeclined : .quoteAccepted
            let detail = r.acceptedOn.map { "accepted on \($0)" } ?? ""
            await audit.record(action, quote: try number(id), location: r.location, detail: detail, in: self)
        }
        return entry
    }

    /// Calls `body` with every saved quote matching `filter`, in id order, reading a page
    /// of `pageSize` at a time.
    public func forEachEntry(matching filter: QuoteFilter, pageSize: Int = 5_000,
                             _ body: (LedgerEntry) throws -> Void) async throws {
        var after: QuoteNumber?
        while true {
            let page = try await entries(matching: filter, after: after, limit: pageSize)
            guard let last = page.last else { return }
            for entry in page { try body(entry) }
            guard let next = QuoteNumber(last.quote.quoteID) else { return }
            after = next
        }
    }

    private func number(_ id: String) throws(LedgerError) -> QuoteNumber {
        guard let number = QuoteNumber(id) else { throw LedgerError.notFound(ledger: name, quoteID: id) }
        return number
    }
}
