import GRDB
import Pricing

extension Ledger {
    /// Marks a quote accepted on `day`. Refused for a quote already accepted or declined,
    /// a day before the quote date, or a day past its validity (unless `force`).
    public func accept(_ quoteID: String, on day: LocalDate, force: Bool = false) throws {
        try change(quoteID) { db, status, quoteDate, validUntil in
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
            let n = QuoteNumber(quoteID)!
            try db.execute(sql: "UPDATE quote SET status = 'accepted', accepted_on = ? WHERE id = ?",
                           arguments: [day.description, n.rowID])
        }
    }

    /// Marks a quote declined. Refused for an accepted quote.
    public func decline(_ quoteID: String) throws {
        try change(quoteID) { db, status, _, _ in
            switch status {
            case .accepted:
                throw LedgerError.statusChange(quoteID: quoteID, reason: "is accepted; its revenue is booked, so it cannot be declined")
            case .declined: throw LedgerError.statusChange(quoteID: quoteID, reason: "is already declined")
            case .quoted:
                let n = QuoteNumber(quoteID)!
                try db.execute(sql: "UPDATE quote SET status = 'declined' WHERE quote.id = ?", arguments: [n.rowID])
            }
        }
    }

    private func change(_ quoteID: String, _ body: (Database, QuoteStatus, LocalDate, LocalDate) throws -> Void) throws {
        try translating {
            try queue.write { db in
                guard let n = QuoteNumber(quoteID),
                      let row = try Row.fetchOne(db, sql: "SELECT status, quote_date, valid_until FROM quote WHERE id = ?",
                                                 arguments: [n.rowID]) else {
                    throw LedgerError.notFound(path: path, quoteID: quoteID)
                }
                try body(db, QuoteStatus(rawValue: row[0]) ?? .quoted, LocalDate(iso: row[1] as String)!,
                         LocalDate(iso: row[2] as String)!)
            }
        }
    }
}
