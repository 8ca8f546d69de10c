import GRDB
import Ledger
import Pricing

extension SQLiteStore {
    /// Every column of ``QuoteColumns/all``, with the source's name from `quote_source`. A
    /// LEFT JOIN: a quote whose source row is missing is read (and refused by its NULL
    /// `source`), never left out.
    static let entrySelect = "SELECT "
        + QuoteColumns.all.map { $0 == "source" ? "quote_source.path AS source" : "quote.\($0)" }.joined(separator: ", ")
        + " FROM quote LEFT JOIN quote_source ON quote_source.id = quote.source"

    /// The columns of ``QuoteColumns/revenue``.
    static let revenueSelect = "SELECT " + QuoteColumns.revenue.map { "quote.\($0)" }.joined(separator: ", ") + " FROM quote"

    public func entry(_ number: QuoteNumber) async throws -> LedgerEntry {
        let name = self.name
        return try await readingStatement { db in try Self.entry(number, in: db, ledger: name) }
    }

    /// The saved quote numbered `number`, read in `db`.
    static func entry(_ number: QuoteNumber, in db: Database, ledger: String) throws -> LedgerEntry {
        var found: LedgerEntry?
        try SQLiteCells.forEach(db, ledger: ledger, sql: "\(entrySelect) WHERE quote.id = ?", arguments: [number.rowID]) {
            found = try LedgerEntry(row: $0)
        }
        guard let found else { throw LedgerError.notFound(ledger: ledger, quoteID: number.description) }
        return found
    }

    public func entries(matching filter: QuoteFilter, after: QuoteNumber?, limit: Int) async throws -> [LedgerEntry] {
        let name = self.name
        return try await reading { db in
            var out: [LedgerEntry] = []
            let (sql, arguments) = Self.page(Self.entrySelect, filter, after: after, limit: limit)
            try SQLiteCells.forEach(db, ledger: name, sql: sql, arguments: arguments) { out.append(try LedgerEntry(row: $0)) }
            return out
        }
    }

    public func revenueRecords(matching filter: QuoteFilter, after: QuoteNumber?, limit: Int) async throws -> [RevenueRecord] {
        let name = self.name
        return try await reading { db in
            var out: [RevenueRecord] = []
            var columns: RevenueColumns<SQLiteCells>?
            let (sql, arguments) = Self.page(Self.revenueSelect, filter, after: after, limit: limit)
            try SQLiteCells.forEach(db, ledger: name, sql: sql, arguments: arguments) { row in
                let c = try columns ?? RevenueColumns(row)
                columns = c
                out.append(try c.record(row))
            }
            return out
        }
    }

    /// One page of `select`: the rows matching `filter` after `after`, in id order (keyset
    /// paging: SQLite starts at the id, however far into the ledger).
    static func page(_ select: String, _ filter: QuoteFilter, after: QuoteNumber?, limit: Int) -> (String, StatementArguments) {
        var arguments: StatementArguments = [after?.rowID ?? Int64.min]
        let condition = filter.sql(&arguments)
        arguments += [max(0, limit)]
        return ("\(select) WHERE quote.id > ? AND \(condition) ORDER BY quote.id LIMIT ?", arguments)
    }

    public func summary() async throws -> LedgerSummary {
        let name = self.name
        return try await reading { db in
            var summary = LedgerSummary()
            // SUM fails on an integer overflow; it is a real number if a value is not an integer.
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*), SUM(total), SUM(tax) FROM quote GROUP BY status") {
                let status = String.fromDatabaseValue(row[0] as DatabaseValue)
                let count = Int.fromDatabaseValue(row[1] as DatabaseValue) ?? 0
                func cents(_ i: Int) -> Int64? {
                    if case let .int64(v) = (row[i] as DatabaseValue).storage { return v }
                    return nil
                }
                guard let total = cents(2), let tax = cents(3) else {
                    throw LedgerError.damaged(ledger: name, reason: "quotes with the status \(status ?? "NULL") have totals or taxes that are not amounts")
                }
                switch status.flatMap(QuoteStatus.init(rawValue:)) {
                case .quoted?: summary.quoted = count
                case .accepted?: summary.accepted = count
                case .declined?: summary.declined = count
                case nil:
                    throw LedgerError.damaged(ledger: name, reason: "\(count) quote\(count == 1 ? " has" : "s have") the status \(status.map { "'\($0)'" } ?? "NULL"), not quoted, accepted or declined")
                }
                let (t, o1) = summary.total.addingReportingOverflow(total), (x, o2) = summary.tax.addingReportingOverflow(tax)
                guard !o1, !o2 else { throw LedgerError.damaged(ledger: name, reason: "the sum of its totals is too large") }
                summary.total = t
                summary.tax = x
            }
            summary.lastRowID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM quote") ?? 0
            return summary
        }
    }
}
