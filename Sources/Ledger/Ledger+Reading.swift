import GRDB
import Pricing

extension Ledger {
    /// The saved quote with id `quoteID`.
    public func entry(_ quoteID: String) throws -> LedgerEntry {
        try translating {
            try queue.read { db in
                guard let n = QuoteNumber(quoteID),
                      let row = try Row.fetchOne(db, sql: "\(Self.entryQuery) WHERE quote.id = ?", arguments: [n.rowID]) else {
                    throw LedgerError.notFound(path: path, quoteID: quoteID)
                }
                return try LedgerEntry(row: row)
            }
        }
    }

    /// Calls `body` with each saved quote, in id order, optionally only those quoted in
    /// `month` and with `status`. Rows are streamed, never all held at once.
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
                let rows = try Row.fetchCursor(db, sql: "\(Self.entryQuery) \(filter) ORDER BY quote.id",
                                               arguments: StatementArguments(arguments))
                while let row = try rows.next() {
                    try body(try LedgerEntry(row: row))
                }
            }
        }
    }

    /// A quote row with its source's path.
    static let entryQuery = "SELECT quote.*, quote_source.path AS source_path FROM quote JOIN quote_source ON quote_source.id = quote.source"

    /// Calls `body` with what monthly revenue needs of each saved quote, streamed.
    public func forEachRevenueRecord(_ body: (RevenueRecord) throws -> Void) throws {
        try translating {
            try queue.read { db in
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT quote_id, location, tier, quote_date, status, accepted_on, sessions, total, tax,
                           treatment_net, addons_per_session, addons_per_package, session_dates
                    FROM quote ORDER BY quote.id
                    """)
                while let row = try rows.next() {
                    guard let quoteDate = LocalDate(iso: row[3] as String) else { continue }
                    let dates = (row[12] as String).split(separator: " ").compactMap { LocalDate(iso: $0) }
                    try body(RevenueRecord(
                        quoteID: row[0], location: row[1], tier: row[2], quoteDate: quoteDate,
                        status: QuoteStatus(rawValue: row[4]) ?? .quoted,
                        acceptedOn: (row[5] as String?).flatMap { LocalDate(iso: $0) },
                        sessions: row[6], value: Money(cents: (row[7] as Int64) - (row[8] as Int64)),
                        treatmentNet: Money(cents: row[9]), addonsPerSession: Money(cents: row[10]),
                        addonsPerPackage: Money(cents: row[11]), sessionDates: dates))
                }
            }
        }
    }
}

extension Ledger {
    /// The currency of the saved quotes (the first one's), nil for an empty ledger.
    public func currency() throws -> String? {
        try translating { try queue.read { try String.fetchOne($0, sql: "SELECT currency FROM quote ORDER BY id LIMIT 1") } }
    }
}
