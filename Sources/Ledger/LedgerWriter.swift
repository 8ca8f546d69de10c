import GRDB
import Pricing

/// Saves quotes inside one ledger transaction (see ``Ledger/save(_:)``).
public final class LedgerWriter {
    let db: Database
    let path: String
    private var nextSeq: [Int: Int] = [:]
    private(set) var committed = false

    init(db: Database, path: String) {
        self.db = db
        self.path = path
    }

    /// Source name of quotes given on the command line (never refused as duplicates).
    public static let commandLineSource = "cli"

    /// Saves `quote`, giving it the ledger's id (`Q-YYYY-NNNNNN`, by quote-date year).
    ///
    /// - Parameters:
    ///   - source: the requests file's absolute path, or ``commandLineSource``.
    ///   - line: the line of the request in `source`.
    ///   - rateCardHash: ``RateCard/contentHash`` of the card that priced it.
    /// - Returns: nil when saved, or why it was refused (a request_id already saved from
    ///   the same file).
    public func save(_ quote: inout Quote, source: String, line: Int?, rateCardHash: String) throws -> String? {
        let r = quote.request
        if source != LedgerWriter.commandLineSource,
           let existing = try String.fetchOne(db, sql: "SELECT quote_id FROM quote WHERE source = ? AND request_id = ?",
                                              arguments: [source, r.requestID]) {
            return "request_id '\(r.requestID)': already saved from this file as \(existing); not saved again (give the row a new request_id to save it as a new quote)"
        }
        let year = quote.quoteDate.year
        let seq: Int
        if let n = nextSeq[year] {
            seq = n
        } else {
            seq = (try Int.fetchOne(db, sql: "SELECT MAX(seq) FROM quote WHERE year = ?", arguments: [year]) ?? 0) + 1
        }
        nextSeq[year] = seq + 1
        let id = "Q-\(year)-" + String(repeating: "0", count: max(0, 6 - String(seq).count)) + String(seq)
        quote.quoteID = id
        let perSession = quote.addonLines.filter { $0.per == .session }.reduce(Money.zero) { $0 + $1.amount }
        let perPackage = quote.addonLines.filter { $0.per == .package }.reduce(Money.zero) { $0 + $1.amount }
        let values: [(any DatabaseValueConvertible)?] = [
            id, year, seq, source, line, r.requestID, r.client, r.location, quote.locationName, r.tier, quote.tierName,
            r.areas.joined(separator: ";"), quote.areaNames.joined(separator: "\u{1F}"), r.addons.joined(separator: ";"),
            r.sessions, quote.spacingWeeks, (r.startDate ?? quote.quoteDate).description, r.promo, quote.promoCode,
            quote.quoteDate.description, quote.validUntil.description, quote.firstSession.description,
            quote.lastSession.description, r.status.rawValue, r.acceptedOn?.description,
            quote.sessionListPrice.cents, quote.sessionPrice.cents, quote.priceLimit.rawValue, quote.listTotal.cents,
            quote.seriesDiscountPercent.units, quote.seriesDiscount.cents, quote.promoDiscount.cents,
            quote.treatmentNet.cents, quote.addonsTotal.cents, perSession.cents, perPackage.cents,
            quote.taxableAmount.cents, quote.taxRate.units, quote.tax.cents, quote.total.cents,
            quote.depositPercent.units, quote.deposit.cents, quote.balance.cents, quote.perSessionPrice.cents,
            quote.schedule.sessions.map(\.date.description).joined(separator: " "),
            quote.schedule.sessions.map(\.planned.description).joined(separator: " "),
            quote.installments.map { String($0.amount.cents) }.joined(separator: " "),
            quote.rateCardName, quote.rateCardVersion, rateCardHash, quote.currency,
        ]
        let insert = try db.cachedStatement(sql: """
            INSERT INTO quote (quote_id, year, seq, source, line, request_id, client, location, location_name, tier,
              tier_name, areas, area_names, addons, sessions, spacing_weeks, start_date, promo, promo_code, quote_date,
              valid_until, first_session, last_session, status, accepted_on, session_list_price, session_price,
              price_limit, list_total, series_discount_percent, series_discount, promo_discount, treatment_net,
              addons_total, addons_per_session, addons_per_package, taxable_amount, tax_rate, tax, total,
              deposit_percent, deposit, balance, per_session_price, session_dates, planned_dates, installments,
              rate_card_name, rate_card_version, rate_card_hash, currency)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
              ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: StatementArguments(values))
        let rowID = db.lastInsertedRowID
        let addon = try db.cachedStatement(sql: """
            INSERT INTO quote_addon (quote, position, addon_id, name, unit_price, per, quantity, amount, taxable)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (i, a) in quote.addonLines.enumerated() {
            try addon.execute(arguments: [rowID, i + 1, a.id, a.name, a.unitPrice.cents, a.per.rawValue, a.quantity,
                                          a.amount.cents, a.taxable])
        }
        return nil
    }

    /// Commits everything saved so far (once; later calls do nothing).
    public func commit() throws {
        guard !committed else { return }
        try db.commit()
        committed = true
    }
}
