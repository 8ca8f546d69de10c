import GRDB
import Pricing

/// A saved quote with where it came from.
public struct LedgerEntry: Sendable {
    /// The quote as saved, with the ledger's id, status and `accepted_on` in its request.
    public var quote: Quote
    /// The requests file (absolute path) or `cli`.
    public var source: String
    /// The request's line in `source`.
    public var line: Int?
    /// Fingerprint of the rate card text that priced it.
    public var rateCardHash: String
}

extension LedgerEntry {
    /// Rebuilds an entry from a `quote` row.
    init(row: Row) throws {
        func date(_ column: String) throws -> LocalDate {
            guard let d = LocalDate(iso: row[column] as String) else {
                throw LedgerError.database(path: "", reason: "quote \(row["quote_id"] as String): bad date in \(column)")
            }
            return d
        }
        func money(_ column: String) -> Money { Money(cents: row[column]) }
        func dates(_ column: String) -> [LocalDate] { (row[column] as String).split(separator: " ").compactMap { LocalDate(iso: $0) } }
        let status = QuoteStatus(rawValue: row["status"]) ?? .quoted
        let acceptedOn = (row["accepted_on"] as String?).flatMap { LocalDate(iso: $0) }
        let list = { (s: String) in s.isEmpty ? [] : s.split(separator: ";").map(String.init) }
        let request = QuoteRequest(
            requestID: row["request_id"], client: row["client"], location: row["location"], tier: row["tier"],
            areas: list(row["areas"]), sessions: row["sessions"], spacingWeeks: row["spacing_weeks"],
            startDate: try date("start_date"), addons: list(row["addons"]), promo: row["promo"],
            quoteDate: try date("quote_date"), status: status, acceptedOn: acceptedOn)
        let sessionDates = dates("session_dates")
        let start = try date("start_date"), spacing: Int = row["spacing_weeks"]
        let sessions = sessionDates.enumerated().map {
            SessionSchedule.Session(number: $0.offset + 1, planned: start.checkedAdding(weeks: spacing, times: $0.offset) ?? $0.element, date: $0.element)
        }
        guard let addons = AddonLinesText.decode(row["addon_lines"]) else {
            throw LedgerError.database(path: "", reason: "quote \(row["quote_id"] as String): unreadable addon_lines")
        }
        let amounts = (row["installments"] as String).split(separator: " ").compactMap { Int64($0) }
        let installments = zip(amounts, sessionDates).enumerated().map {
            Installment(number: $0.offset + 1, dueOn: $0.element.1, amount: Money(cents: $0.element.0))
        }
        let names = (row["area_names"] as String).split(separator: "\u{1F}").map(String.init)
        quote = Quote(
            quoteID: row["quote_id"], request: request, rateCardName: row["rate_card_name"],
            rateCardVersion: row["rate_card_version"], currency: row["currency"], locationName: row["location_name"],
            tierName: row["tier_name"], areaNames: names, sessionListPrice: money("session_list_price"),
            sessionPrice: money("session_price"), priceLimit: Quote.PriceLimit(rawValue: row["price_limit"]) ?? .none,
            listTotal: money("list_total"), seriesDiscountPercent: Percent(units: row["series_discount_percent"]),
            seriesDiscount: money("series_discount"), promoCode: row["promo_code"], promoDiscount: money("promo_discount"),
            treatmentNet: money("treatment_net"), addonLines: addons, addonsTotal: money("addons_total"),
            taxableAmount: money("taxable_amount"), taxRate: Percent(units: row["tax_rate"]), tax: money("tax"),
            total: money("total"), depositPercent: Percent(units: row["deposit_percent"]), deposit: money("deposit"),
            balance: money("balance"), installments: installments, perSessionPrice: money("per_session_price"),
            schedule: SessionSchedule(sessions: sessions), quoteDate: try date("quote_date"),
            validUntil: try date("valid_until"))
        source = row["source_path"]
        line = row["line"]
        rateCardHash = row["rate_card_hash"]
    }
}
