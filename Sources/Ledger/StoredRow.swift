import GRDB
import GRDBSQLite
import Pricing

/// The current row of a ledger query, read column by column through SQLite's C API with
/// every value checked: a value spaquote cannot have written (text where cents belong, a
/// date that does not exist or lies outside 0001-01-01...9999-12-31, an unknown status, a
/// NULL in a required column, bytes that are not UTF-8...) throws
/// ``LedgerError/unreadableRow(path:quote:column:value:problem:)`` naming the quote, the
/// column and the value. The one way every reader of the ledger decodes a row.
struct StoredRow {
    let statement: OpaquePointer
    let path: String
    /// Column name -> index, of the query's result.
    let indexes: [String: Int32]

    init(statement: OpaquePointer, path: String) {
        self.statement = statement
        self.path = path
        var indexes: [String: Int32] = [:]
        for i in 0..<sqlite3_column_count(statement) {
            if let name = sqlite3_column_name(statement, i) { indexes[String(cString: name)] = i }
        }
        self.indexes = indexes
    }

    /// Runs `sql` with `arguments` in `db` and calls `body` with each row, streamed.
    static func forEach(_ db: Database, path: String, sql: String, arguments: StatementArguments = [],
                        _ body: (StoredRow) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let row = StoredRow(statement: statement.sqliteStatement, path: path)
        while true {
            let code = sqlite3_step(statement.sqliteStatement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            try body(row)
        }
    }

    /// How messages name this row's quote: `quote Q-2026-000123`, or by row id when the
    /// quote id itself is unreadable.
    var quoteName: String {
        if let i = indexes["quote_id"], let id = text(at: i), QuoteNumber(id) != nil { return "quote \(id)" }
        if let i = indexes["id"], sqlite3_column_type(statement, i) == SQLITE_INTEGER {
            return "the row with id \(sqlite3_column_int64(statement, i))"
        }
        return "a row"
    }

    /// A column of the query, found once by name.
    struct Column {
        let name: String
        let index: Int32
    }

    /// The column called `name`.
    func column(_ name: String) throws -> Column {
        guard let i = indexes[name] else {
            throw LedgerError.unreadableRow(path: path, quote: quoteName, column: name, value: "nothing", problem: "missing from the query")
        }
        return Column(name: name, index: i)
    }

    /// The error for `column`'s value, which is `problem`.
    func unreadable(_ column: Column, _ problem: String) -> LedgerError {
        .unreadableRow(path: path, quote: quoteName, column: column.name, value: shownValue(column.index), problem: problem)
    }

    func unreadable(_ name: String, _ problem: String) -> LedgerError {
        (try? unreadable(column(name), problem))
            ?? .unreadableRow(path: path, quote: quoteName, column: name, value: "nothing", problem: problem)
    }

    func isNull(_ c: Column) -> Bool { sqlite3_column_type(statement, c.index) == SQLITE_NULL }

    /// The column's bytes, valid until the next step (empty for NULL).
    func bytes(at i: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let p = sqlite3_column_text(statement, i) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, i)))
    }

    private func text(at i: Int32) -> String? {
        guard sqlite3_column_type(statement, i) == SQLITE_TEXT else { return nil }
        let b = bytes(at: i)
        // ASCII (ids, dates, most names) is valid UTF-8 as it is: decoded on the fast path.
        if !b.contains(where: { $0 >= 0x80 }) { return String(decoding: b, as: UTF8.self) }
        return String(validating: b, as: UTF8.self)
    }

    /// Required UTF-8 text.
    func text(_ c: Column) throws -> String {
        guard let s = text(at: c.index) else { throw unreadable(c, "not text (UTF-8)") }
        return s
    }

    /// Text or NULL.
    func optionalText(_ c: Column) throws -> String? { isNull(c) ? nil : try text(c) }

    /// A required integer in `range`.
    func int(_ c: Column, in range: ClosedRange<Int64> = Int64.min...Int64.max) throws -> Int64 {
        guard sqlite3_column_type(statement, c.index) == SQLITE_INTEGER else { throw unreadable(c, "not a whole number") }
        let v = sqlite3_column_int64(statement, c.index)
        guard range.contains(v) else { throw unreadable(c, "outside \(range.lowerBound)...\(range.upperBound)") }
        return v
    }

    /// An integer or NULL.
    func optionalInt(_ c: Column) throws -> Int64? { isNull(c) ? nil : try int(c) }

    /// A required integer in `range`, as `Int`.
    func count(_ c: Column, in range: ClosedRange<Int>) throws -> Int {
        Int(try int(c, in: Int64(range.lowerBound)...Int64(range.upperBound)))
    }

    /// Cents, 0 or more (no amount of a quote is negative).
    func money(_ c: Column) throws -> Money {
        let cents = sqlite3_column_int64(statement, c.index)
        guard cents >= 0, sqlite3_column_type(statement, c.index) == SQLITE_INTEGER else {
            throw unreadable(c, "not an amount (a whole number of cents, 0 or more)")
        }
        return Money(cents: cents)
    }

    /// 1/10,000 of a percent.
    func percent(_ c: Column) throws -> Percent { Percent(units: try int(c)) }

    /// A required ISO date, 0001-01-01...9999-12-31.
    func date(_ c: Column) throws -> LocalDate {
        guard sqlite3_column_type(statement, c.index) == SQLITE_TEXT, let d = LocalDate(isoUTF8: bytes(at: c.index)) else {
            throw unreadable(c, Self.notADate)
        }
        return d
    }

    /// An ISO date or NULL.
    func optionalDate(_ c: Column) throws -> LocalDate? { isNull(c) ? nil : try date(c) }

    /// Space-separated ISO dates, at least one.
    func dates(_ c: Column) throws -> [LocalDate] {
        let b = bytes(at: c.index)
        guard sqlite3_column_type(statement, c.index) == SQLITE_TEXT, b.count % 11 == 10 else { throw unreadable(c, Self.notDates) }
        var out: [LocalDate] = []
        out.reserveCapacity((b.count + 1) / 11)
        var start = 0
        while start < b.count {
            guard let d = LocalDate(isoUTF8: UnsafeBufferPointer(rebasing: b[start..<start + 10])),
                  start + 10 == b.count || b[start + 10] == 0x20 else { throw unreadable(c, Self.notDates) }
            out.append(d)
            start += 11
        }
        return out
    }

    /// A status: quoted, accepted or declined.
    func status(_ c: Column) throws -> QuoteStatus {
        guard let status = QuoteStatus(rawValue: try text(c)) else {
            throw unreadable(c, "not a status (quoted, accepted or declined)")
        }
        return status
    }

    /// Throws unless `total` (the value of column `c`) is the sum of `parts` (`named` in
    /// the message), added without overflow.
    func expect(_ c: Column, _ total: Money, toBeTheSumOf parts: [Money], named: String) throws {
        var sum: Int64 = 0
        for p in parts { sum = try add(sum, p, c, named) }
        try expect(c, total, toBe: sum, named: named)
    }

    /// `total` is `a + b + c + d` (without an array: the revenue read runs it per row).
    func expect(_ c: Column, _ total: Money, toBeTheSumOf a: Money, _ b: Money, _ d: Money, _ e: Money, named: String) throws {
        try expect(c, total, toBe: try add(try add(try add(a.cents, b, c, named), d, c, named), e, c, named), named: named)
    }

    private func add(_ sum: Int64, _ part: Money, _ c: Column, _ named: String) throws -> Int64 {
        let (s, overflow) = sum.addingReportingOverflow(part.cents)
        guard !overflow else { throw unreadable(c, "which is not \(named): their sum is too large") }
        return s
    }

    private func expect(_ c: Column, _ total: Money, toBe sum: Int64, named: String) throws {
        guard sum == total.cents else { throw unreadable(c, "which is not \(named) (\(Money(cents: sum)))") }
    }

    static let notADate = "not a date (YYYY-MM-DD, from 0001-01-01 to 9999-12-31)"
    static let notDates = "not a list of dates (YYYY-MM-DD separated by spaces, from 0001-01-01 to 9999-12-31)"
}
