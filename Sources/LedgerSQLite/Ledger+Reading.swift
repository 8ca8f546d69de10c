import GRDB
import Pricing

extension Ledger {
    /// The saved quote with id `quoteID`.
    ///
    /// - Throws: ``LedgerError/notFound(path:quoteID:)``;
    ///   ``LedgerError/unreadableRow(path:quote:column:value:problem:)`` when its row does
    ///   not decode.
    public func entry(_ quoteID: String) throws -> LedgerEntry {
        guard let n = QuoteNumber(quoteID) else { throw LedgerError.notFound(path: path, quoteID: quoteID) }
        return try translating {
            try queue.read { db in
                var found: LedgerEntry?
                try StoredRow.forEach(db, path: path, sql: "\(Self.entryQuery) WHERE quote.id = ?", arguments: [n.rowID]) {
                    found = try LedgerEntry(row: $0)
                }
                guard let found else { throw LedgerError.notFound(path: path, quoteID: quoteID) }
                return found
            }
        }
    }

    /// Calls `body` with each saved quote, in id order, optionally only those quoted in
    /// `month` and with `status`. Rows are streamed, never all held at once.
    ///
    /// - Throws: ``LedgerError/unreadableRow(path:quote:column:value:problem:)`` at the
    ///   first row that does not decode (after `body` has had the rows before it).
    public func forEachEntry(month: YearMonth? = nil, status: QuoteStatus? = nil, _ body: (LedgerEntry) throws -> Void) throws {
        var conditions: [String] = [], arguments: [any DatabaseValueConvertible] = []
        if let month {
            conditions.append("quote_date BETWEEN ? AND ?")
            arguments += [month.firstDay.description, month.lastDay.description]
        }
        if let status {
            conditions.append("status = ?")
            arguments.append(status.rawValue)
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        try translating {
            try queue.read { db in
                try StoredRow.forEach(db, path: path, sql: "\(Self.entryQuery) \(filter) ORDER BY quote.id",
                                      arguments: StatementArguments(arguments)) { try body(try LedgerEntry(row: $0)) }
            }
        }
    }

    /// A quote row with its source's path. A LEFT JOIN: a quote whose source row is
    /// missing is read (and refused by its `source_path`), never left out.
    static let entryQuery = "SELECT quote.*, quote_source.path AS source_path FROM quote LEFT JOIN quote_source ON quote_source.id = quote.source"

    /// Calls `body` with what monthly revenue needs of each saved quote, streamed (read
    /// through SQLite's C API: a report may cover millions of quotes).
    ///
    /// Every quote reaches `body`, or the read stops: a row that does not decode (a bad
    /// date, status or amount, session dates that do not match `sessions`, an accepted
    /// quote without `accepted_on`, figures where `total` is not `treatment_net` + the
    /// add-ons + `tax`) throws ``LedgerError/unreadableRow(path:quote:column:value:problem:)``
    /// naming the quote, column and value. A report is never made from a ledger with a
    /// quote it cannot read (the caller discards what it had written).
    public func forEachRevenueRecord(_ body: (RevenueRecord) throws -> Void) throws {
        try translating {
            try queue.read { db in
                var columns: RevenueColumns?
                try StoredRow.forEach(db, path: path, sql: """
                    SELECT id, quote_id, location, tier, quote_date, status, accepted_on, sessions, total, tax,
                           treatment_net, addons_per_session, addons_per_package, session_dates
                    FROM quote ORDER BY id
                    """) { row in
                    let c = try columns ?? RevenueColumns(row)
                    columns = c
                    try body(try c.record(row))
                }
            }
        }
    }
}

extension Ledger {
    /// The currency of the saved quotes (the first one's), nil for an empty ledger.
    public func currency() throws -> String? {
        try translating {
            try queue.read { db in
                var currency: String?
                try StoredRow.forEach(db, path: path, sql: "SELECT id, quote_id, currency FROM quote ORDER BY id LIMIT 1") {
                    currency = try $0.text($0.column("currency"))
                }
                return currency
            }
        }
    }
}
