import Ledger
import Pricing
import PostgresNIO

extension PostgresStore {
    public func entry(_ number: QuoteNumber) async throws -> LedgerEntry {
        let found = try await withConnection { c in try await self.entries(c, Self.entryQuery(number, locking: false)) }
        guard let entry = found.first else {
            throw LedgerError.notFound(ledger: name, quoteID: number.description)
        }
        return entry
    }

    public func entries(matching filter: QuoteFilter, after: QuoteNumber?, limit: Int) async throws -> [LedgerEntry] {
        let query = FilterSQL.page(columns: QuoteColumns.all, filter: filter, after: after, limit: limit)
        return try await withConnection { c in try await self.entries(c, query) }
    }

    /// The page comes packed into one text cell (``PackedCells/Layout/page(condition:limit:)``):
    /// a report reads about a million rows, and postgres-nio's cost is per cell.
    public func revenueRecords(matching filter: QuoteFilter, after: QuoteNumber?, limit: Int) async throws -> [RevenueRecord] {
        let query = FilterSQL.page(filter: filter, after: after, limit: limit, PackedCells.Layout.page)
        return try await withConnection { c in
            var page: ByteBuffer?
            for try await row in try await c.query(query, logger: Self.logger) {
                for cell in row { page = cell.bytes }
            }
            guard let page else { return [] }
            return try self.revenueRecords(unpacking: page, expected: limit)
        }
    }

    /// The records packed back to back in `page`, each checked, in id order.
    private func revenueRecords(unpacking page: ByteBuffer, expected: Int) throws -> [RevenueRecord] {
        let layout = Self.revenueLayout
        var records: [(id: Int64, record: RevenueRecord)] = [], columns: RevenueColumns<PackedCells>?
        records.reserveCapacity(min(max(0, expected), 1 << 20))
        var offset = 0, ordered = true
        while offset < page.readableBytes {
            guard let cells = PackedCells(page, from: offset, layout: layout), let id = cells.integer(Self.revenueID) else {
                throw LedgerError.database(ledger: name, reason: "the server sent a revenue row spaquote cannot unpack")
            }
            offset = cells.end
            let reader = RowReader(cells, ledger: name)
            let found = try columns ?? RevenueColumns(reader)
            columns = found
            if let previous = records.last?.id, previous >= id { ordered = false }
            records.append((id, try found.record(reader)))
        }
        if !ordered { records.sort { $0.id < $1.id } }
        return records.map(\.record)
    }

    /// The columns of `revenue_packed` (migration 3).
    static let revenueLayout = PackedCells.Layout(QuoteColumns.revenue)
    /// The position of `id` in ``revenueLayout``.
    static let revenueID = revenueLayout.positions["id"]!

    public func summary() async throws -> LedgerSummary {
        try await withConnection { c in
            let rows = try await c.query("""
                SELECT count(*) FILTER (WHERE status = 'quoted'), count(*) FILTER (WHERE status = 'accepted'),
                       count(*) FILTER (WHERE status = 'declined'), COALESCE(sum(total), 0)::text,
                       COALESCE(sum(tax), 0)::text, COALESCE(max(id), 0)
                FROM quote
                """, logger: Self.logger)
            var summary = LedgerSummary()
            for try await (quoted, accepted, declined, total, tax, last) in rows.decode((Int, Int, Int, String, String, Int64).self) {
                guard let total = Int64(total), let tax = Int64(tax) else {
                    throw LedgerError.database(ledger: name, reason: "the sum of the quotes' totals (\(total)) or tax (\(tax)) is beyond what spaquote can count")
                }
                summary = LedgerSummary(quoted: quoted, accepted: accepted, declined: declined, total: total, tax: tax, lastRowID: last)
            }
            return summary
        }
    }

    /// Every column of the quote numbered `number`, `FOR UPDATE` when `locking`.
    static func entryQuery(_ number: QuoteNumber, locking: Bool) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(number.rowID)
        let sql = "SELECT " + QuoteColumns.all.joined(separator: ", ") + " FROM quote WHERE id = $1" + (locking ? " FOR UPDATE" : "")
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    /// The entries `query` (every column of ``QuoteColumns/all``) returns, each checked.
    func entries(_ c: PostgresConnection, _ query: PostgresQuery) async throws -> [LedgerEntry] {
        var entries: [LedgerEntry] = []
        try await forEachRow(c, query) { entries.append(try LedgerEntry(row: $0)) }
        return entries
    }

    /// Calls `body` with a reader over each row `query` returns.
    func forEachRow(_ c: PostgresConnection, _ query: PostgresQuery,
                    _ body: (RowReader<PostgresCells>) throws -> Void) async throws {
        var positions: ColumnPositions?
        for try await row in try await c.query(query, logger: Self.logger) {
            let p = positions ?? ColumnPositions(row)
            positions = p
            try body(RowReader(PostgresCells(row, columns: p), ledger: name))
        }
    }
}
