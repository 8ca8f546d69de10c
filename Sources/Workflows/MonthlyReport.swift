import Ledger
import Pricing
import Reports

/// `report monthly`: the monthly revenue report (SPEC section 7) from a ledger, as CSV or
/// XLSX by the output's extension.
///
/// The store reads only the quotes the report needs (``QuoteFilter/revenue(from:to:)``,
/// pushed down into its query), a page of ``pageSize`` revenue records at a time, so
/// memory stays flat whatever the ledger's size: the next page is read while the current
/// one is added to the report (at most two pages in memory), so the store's work and the
/// report's overlap. The figures are those of a report over every saved quote.
public enum MonthlyReport {
    /// Revenue records read at a time.
    public static let pageSize = 50_000

    /// What was written.
    public struct Written: Sendable, Equatable {
        /// The quotes read from the ledger (those the months need).
        public var records: Int
        /// The report's currency: the first saved quote's, or `USD` for an empty ledger.
        public var currency: String
    }

    /// Writes the report for months `first` to `last` of `store` to `path`, atomically:
    /// on any error (a damaged row, a lost connection, a full disk) no file is left, and
    /// no read of the store is still under way when it throws. `pageSize` records are read
    /// at a time. `narrowing` narrows the quotes read (the web's rule of an account's
    /// locations, ``Account/visible(_:)``); the default reads every quote the months need.
    @discardableResult
    public static func write(from store: any LedgerStore, months first: YearMonth, to last: YearMonth,
                             path: String, pageSize: Int = pageSize,
                             narrowing: (QuoteFilter) -> QuoteFilter = { $0 }) async throws -> Written {
        let currency = try await currency(of: store)
        let writer = try MonthlyReportWriter(path: path, from: first, to: last, currency: currency)
        do {
            let filter = narrowing(.revenue(from: first, to: last))
            let records = try await forEachPage(of: store, matching: filter, pageSize: pageSize) { page in
                for record in page { try writer.add(record) }
            }
            try writer.finish()
            return Written(records: records, currency: currency)
        } catch {
            writer.discard()
            throw error
        }
    }

    /// The report's figures for months `first` to `last` (`first` not after `last`), the
    /// rows the CSV holds (``MonthlyRevenue/rows``, its `ALL` rows ``MonthlyRevenue/totals``),
    /// read as ``write(from:months:to:path:pageSize:narrowing:)`` reads them: for a page
    /// that shows them. Memory grows with the activity in the range, as the writer's does.
    public static func revenue(from store: any LedgerStore, months first: YearMonth, to last: YearMonth,
                               pageSize: Int = pageSize,
                               narrowing: (QuoteFilter) -> QuoteFilter = { $0 }) async throws -> MonthlyRevenue {
        var revenue = MonthlyRevenue(from: first, to: last)
        _ = try await forEachPage(of: store, matching: narrowing(.revenue(from: first, to: last)), pageSize: pageSize) { page in
            for record in page { try revenue.add(record) }
        }
        return revenue
    }

    /// Calls `body` with each page of the revenue records matching `filter`, in id order,
    /// reading the next page while `body` handles the current one (one read in flight at a
    /// time). Returns the number of records read. When `body` or a read throws, the read
    /// in flight is cancelled and awaited before the error is rethrown.
    static func forEachPage(of store: any LedgerStore, matching filter: QuoteFilter, pageSize: Int,
                            _ body: ([RevenueRecord]) throws -> Void) async throws -> Int {
        try await withThrowingTaskGroup(of: [RevenueRecord].self) { reads in
            reads.addTask { try await store.revenueRecords(matching: filter, after: nil, limit: pageSize) }
            var records = 0
            while let page = try await reads.next() {
                // The empty page ends the read (a read record's id is always a ledger id).
                guard let last = page.last else { break }
                if let after = QuoteNumber(last.quoteID) {
                    reads.addTask { try await store.revenueRecords(matching: filter, after: after, limit: pageSize) }
                }
                try body(page)
                records += page.count
            }
            return records
        }
    }

    /// The currency of the ledger's first quote, `USD` when it holds none.
    public static func currency(of store: any LedgerStore) async throws -> String {
        try await store.entries(matching: .all, after: nil, limit: 1).first?.quote.currency ?? "USD"
    }
}
