import Ledger
import Pricing
import Reports

/// `report monthly`: the monthly revenue report (SPEC section 7) from a ledger, as CSV or
/// XLSX by the output's extension.
///
/// The store reads only the quotes the report needs (``QuoteFilter/revenue(from:to:)``,
/// pushed down into its query), a page of ``pageSize`` revenue records at a time, so
/// memory stays flat whatever the ledger's size. The figures are those of a report over
/// every saved quote.
public enum MonthlyReport {
    /// Revenue records read at a time.
    public static let pageSize = 10_000

    /// What was written.
    public struct Written: Sendable, Equatable {
        /// The quotes read from the ledger (those the months need).
        public var records: Int
        /// The report's currency: the first saved quote's, or `USD` for an empty ledger.
        public var currency: String
    }

    /// Writes the report for months `first` to `last` of `store` to `path`, atomically:
    /// on any error (a damaged row, a lost connection, a full disk) no file is left.
    /// `pageSize` records are read at a time.
    @discardableResult
    public static func write(from store: any LedgerStore, months first: YearMonth, to last: YearMonth,
                             path: String, pageSize: Int = pageSize) async throws -> Written {
        let currency = try await currency(of: store)
        let writer = try MonthlyReportWriter(path: path, from: first, to: last, currency: currency)
        do {
            var after: QuoteNumber?, records = 0
            let filter = QuoteFilter.revenue(from: first, to: last)
            while true {
                let page = try await store.revenueRecords(matching: filter, after: after, limit: pageSize)
                guard let last = page.last else { break }
                for record in page { try writer.add(record) }
                records += page.count
                after = QuoteNumber(last.quoteID)   // a read record's id is a ledger id
                if after == nil { break }
            }
            try writer.finish()
            return Written(records: records, currency: currency)
        } catch {
            writer.discard()
            throw error
        }
    }

    /// The currency of the ledger's first quote, `USD` when it holds none.
    public static func currency(of store: any LedgerStore) async throws -> String {
        try await store.entries(matching: .all, after: nil, limit: 1).first?.quote.currency ?? "USD"
    }
}
