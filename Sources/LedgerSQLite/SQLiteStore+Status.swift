import GRDB
import Ledger
import Pricing

extension SQLiteStore {
    /// Applies `change` in one write transaction: the row is read and checked
    /// (``LedgerEntry/init(row:)``: a row that does not decode is refused and left as it
    /// is), ``StatusChange/update(of:)`` decides, and its answer is written.
    public func changeStatus(of number: QuoteNumber, _ change: StatusChange) async throws -> LedgerEntry {
        guard access == .write else { throw SQLiteFailure.readOnly(name) }
        let name = self.name, queue = self.queue
        do {
            return try await exclusively {
                try await queue.writeWithoutTransaction { db in
                    var result: LedgerEntry?
                    try db.inTransaction(.immediate) {
                        var entry = try Self.entry(number, in: db, ledger: name)
                        let update = try change.update(of: entry.quote)
                        try db.execute(sql: "UPDATE quote SET status = ?, accepted_on = ? WHERE id = ?",
                                       arguments: [update.status.rawValue, update.acceptedOn?.description, number.rowID])
                        entry.quote.request.status = update.status
                        entry.quote.request.acceptedOn = update.acceptedOn
                        result = entry
                        return .commit
                    }
                    guard let result else { throw LedgerError.notFound(ledger: name, quoteID: number.description) }
                    return result
                }
            }
        } catch {
            throw SQLiteFailure.ledgerError(error, ledger: name)
        }
    }
}
