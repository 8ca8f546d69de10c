import GRDB
import Pricing

extension Ledger {
    /// Marks a quote accepted on `day`. Refused for a quote already accepted or declined,
    /// a day before the quote date, or a day past its validity (unless `force`).
    public func accept(_ quoteID: String, on day: LocalDate, force: Bool = false) throws {
        try change(quoteID) { db, n, status, quoteDate, validUntil in
            switch status {
            case .accepted: throw LedgerError.statusChange(quoteID: quoteID, reason: "is already accepted")
            case .declined where !force:
                throw LedgerError.statusChange(quoteID: quoteID, reason: "was declined; add --force to accept it all the same")
            default: break
            }
            if day < quoteDate {
                throw LedgerError.statusChange(quoteID: quoteID, reason: "cannot be accepted on \(day), before its quote date \(quoteDate)")
            }
            if day > validUntil && !force {
                throw LedgerError.statusChange(quoteID: quoteID, reason: "was valid until \(validUntil); re-quote the client, or add --force to accept it on \(day) all the same")
            }
            try db.execute(sql: "UPDATE quote SET status = 'accepted', accepted_on = ? WHERE id = ?",
                           arguments: [day.description, n.rowID])
        }
    }

    /// Marks a quote declined. Refused for an accepted quote.
    public func decline(_ quoteID: String) throws {
        try change(quoteID) { db, n, status, _, _ in
            switch status {
            case .accepted:
                throw LedgerError.statusChange(quoteID: quoteID, reason: "is accepted; its revenue is booked, so it cannot be declined")
            case .declined: throw LedgerError.statusChange(quoteID: quoteID, reason: "is already declined")
            case .quoted:
                try db.execute(sql: "UPDATE quote SET status = 'declined' WHERE quote.id = ?", arguments: [n.rowID])
            }
        }
    }

    /// Runs `body` in a write transaction with the quote's number, status, quote date and
    /// validity. The whole row is read and checked first, as every ledger read is
    /// (``LedgerEntry/init(row:)``): a row that does not decode is refused with
    /// ``LedgerError/unreadableRow(path:quote:column:value:problem:)`` and left as it is.
    private func change(_ quoteID: String, _ body: (Database, QuoteNumber, QuoteStatus, LocalDate, LocalDate) throws -> Void) throws {
        guard let n = QuoteNumber(quoteID) else { throw LedgerError.notFound(path: path, quoteID: quoteID) }
        try translating {
            try queue.write { db in
                var found: Quote?
                try StoredRow.forEach(db, path: path, sql: "\(Self.entryQuery) WHERE quote.id = ?", arguments: [n.rowID]) {
                    found = try LedgerEntry(row: $0).quote
                }
                guard let q = found else { throw LedgerError.notFound(path: path, quoteID: quoteID) }
                try body(db, n, q.request.status, q.quoteDate, q.validUntil)
            }
        }
    }
}
