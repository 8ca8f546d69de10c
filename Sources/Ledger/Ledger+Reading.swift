import GRDB
import GRDBSQLite
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

    /// Calls `body` with what monthly revenue needs of each saved quote, streamed (read
    /// through SQLite's C API: a report may cover millions of quotes).
    public func forEachRevenueRecord(_ body: (RevenueRecord) throws -> Void) throws {
        try translating {
            try queue.read { db in
                let statement = try db.makeStatement(sql: """
                    SELECT quote_id, location, tier, quote_date, status, accepted_on, sessions, total, tax,
                           treatment_net, addons_per_session, addons_per_package, session_dates
                    FROM quote ORDER BY id
                    """)
                let s = statement.sqliteStatement
                func text(_ i: Int32) -> String? { sqlite3_column_text(s, i).map { String(cString: $0) } }
                func int(_ i: Int32) -> Int64 { sqlite3_column_int64(s, i) }
                /// The column's bytes (valid until the next step); empty for NULL.
                func bytes(_ i: Int32) -> UnsafeBufferPointer<UInt8> {
                    guard let p = sqlite3_column_text(s, i) else { return UnsafeBufferPointer(start: nil, count: 0) }
                    return UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, i)))
                }
                func date(_ i: Int32) -> LocalDate? { LocalDate(isoUTF8: bytes(i)) }
                /// Space-separated dates, parsed in place.
                func dates(_ i: Int32) -> [LocalDate] {
                    let b = bytes(i)
                    var out: [LocalDate] = []
                    out.reserveCapacity((b.count + 1) / 11)
                    var start = 0
                    for end in 0...b.count where end == b.count || b[end] == 0x20 {
                        if let d = LocalDate(isoUTF8: UnsafeBufferPointer(rebasing: b[start..<end])) { out.append(d) }
                        start = end + 1
                    }
                    return out
                }
                while true {
                    let code = sqlite3_step(s)
                    if code == SQLITE_DONE { break }
                    guard code == SQLITE_ROW else {
                        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                    }
                    guard let quoteDate = date(3) else { continue }
                    let dates = dates(12)
                    try body(RevenueRecord(
                        quoteID: text(0) ?? "", location: text(1) ?? "", tier: text(2) ?? "", quoteDate: quoteDate,
                        status: text(4).flatMap(QuoteStatus.init(rawValue:)) ?? .quoted,
                        acceptedOn: date(5),
                        sessions: Int(int(6)), value: Money(cents: int(7) - int(8)), treatmentNet: Money(cents: int(9)),
                        addonsPerSession: Money(cents: int(10)), addonsPerPackage: Money(cents: int(11)), sessionDates: dates))
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
