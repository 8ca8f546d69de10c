import Ledger
import Pricing
import PostgresNIO

extension PostgresStore {
    /// Reads the quote `FOR UPDATE`, lets ``StatusChange/update(of:)`` decide, writes the
    /// answer and reads the quote back, in one transaction.
    public func changeStatus(of number: QuoteNumber, _ change: StatusChange) async throws -> LedgerEntry {
        try await withConnection { c in
            try await Self.transaction(on: c) {
                guard let entry = try await self.entries(c, Self.entryQuery(number, locking: true)).first else {
                    throw LedgerError.notFound(ledger: self.name, quoteID: number.description)
                }
                let update = try change.update(of: entry.quote)
                try await c.execute("""
                    UPDATE quote SET status = \(update.status.rawValue), accepted_on = \(update.acceptedOn?.description) \
                    WHERE id = \(number.rowID)
                    """)
                guard let changed = try await self.entries(c, Self.entryQuery(number, locking: false)).first else {
                    throw LedgerError.notFound(ledger: self.name, quoteID: number.description)
                }
                return changed
            }
        }
    }
}
