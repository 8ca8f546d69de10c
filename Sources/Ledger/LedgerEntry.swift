import Pricing

/// A saved quote with where it came from.
public struct LedgerEntry: Sendable {
    /// The quote as saved, with the ledger's id, status and `accepted_on` in its request.
    public var quote: Quote
    /// Where it was saved from (``QuoteSource/storedName``): `cli`, or the requests file's
    /// name (ledgers before schema 3 stored its absolute path).
    public var source: String
    /// The request's line in `source`.
    public var line: Int?
    /// Fingerprint of the rate card text that priced it.
    public var rateCardHash: String

    public init(quote: Quote, source: String, line: Int?, rateCardHash: String) {
        self.quote = quote
        self.source = source
        self.line = line
        self.rateCardHash = rateCardHash
    }
}

extension LedgerEntry {
    /// Rebuilds an entry from a row of every column of ``QuoteColumns/all`` (`source` as the
    /// source's stored name, text).
    ///
    /// - Throws: ``LedgerError/unreadableRow(ledger:quote:column:value:problem:)`` for the
    ///   first column that does not decode (see ``RowReader``), or whose figures do not add
    ///   up (`total` is `treatment_net + addons_total + tax`, `addons_total` the add-on
    ///   lines' sum, one session date and installment per session).
    public init<Cells: RowCells>(row: RowReader<Cells>) throws(LedgerError) {
        let c = { (name: String) throws(LedgerError) -> RowReader<Cells>.Column in try row.column(name) }
        let quoteID = try row.quoteID()
        let list = { (s: String) in s.isEmpty ? [] : s.split(separator: ";").map(String.init) }
        let status = try row.status(c("status"))
        let acceptedOn = try row.optionalDate(c("accepted_on"))
        if status == .accepted && acceptedOn == nil { throw row.unreadable("accepted_on", "missing for an accepted quote") }
        let sessionDates = try row.dates(c("session_dates"))
        let sessions = try row.count(c("sessions"), in: 1...Int(Int32.max))
        guard sessionDates.count == sessions else {
            throw row.unreadable("session_dates", "\(sessionDates.count) dates for \(sessions) sessions")
        }
        let start = try row.date(c("start_date")), quoteDate = try row.date(c("quote_date"))
        let spacing = try row.count(c("spacing_weeks"), in: 0...Int(Int32.max))
        let request = QuoteRequest(
            requestID: try row.text(c("request_id")), client: try row.text(c("client")), location: try row.text(c("location")),
            tier: try row.text(c("tier")), areas: list(try row.text(c("areas"))), sessions: sessions, spacingWeeks: spacing,
            startDate: start, addons: list(try row.text(c("addons"))), promo: try row.optionalText(c("promo")),
            quoteDate: quoteDate, status: status, acceptedOn: acceptedOn)
        let sessionsPlanned = try row.schedule(start: start, spacingWeeks: spacing, dates: sessionDates)
        let addons = try row.addonLines(c("addon_lines"))
        let installments = try row.installments(c("installments"), dueOn: sessionDates)
        let names = try row.text(c("area_names")).split(separator: "\u{1F}").map(String.init)
        let money = { (name: String) throws(LedgerError) -> Money in try row.money(c(name)) }
        let percent = { (name: String) throws(LedgerError) -> Percent in try row.percent(c(name)) }
        guard let priceLimit = Quote.PriceLimit(rawValue: try row.text(c("price_limit"))) else {
            throw row.unreadable("price_limit", "not a price limit ('', floor or ceiling)")
        }
        quote = Quote(
            quoteID: quoteID, request: request, rateCardName: try row.text(c("rate_card_name")),
            rateCardVersion: try row.text(c("rate_card_version")), currency: try row.text(c("currency")),
            locationName: try row.text(c("location_name")), tierName: try row.text(c("tier_name")), areaNames: names,
            sessionListPrice: try money("session_list_price"), sessionPrice: try money("session_price"), priceLimit: priceLimit,
            listTotal: try money("list_total"), seriesDiscountPercent: try percent("series_discount_percent"),
            seriesDiscount: try money("series_discount"), promoCode: try row.optionalText(c("promo_code")),
            promoDiscount: try money("promo_discount"), treatmentNet: try money("treatment_net"), addonLines: addons,
            addonsTotal: try money("addons_total"), taxableAmount: try money("taxable_amount"),
            taxRate: try percent("tax_rate"), tax: try money("tax"), total: try money("total"),
            depositPercent: try percent("deposit_percent"), deposit: try money("deposit"), balance: try money("balance"),
            installments: installments, perSessionPrice: try money("per_session_price"),
            schedule: SessionSchedule(sessions: sessionsPlanned), quoteDate: quoteDate, validUntil: try row.date(c("valid_until")))
        try row.expect(c("addons_total"), quote.addonsTotal, toBeTheSumOf: addons.map(\.amount), named: "the sum of addon_lines")
        try row.expect(c("total"), quote.total, toBeTheSumOf: [quote.treatmentNet, quote.addonsTotal, quote.tax],
                       named: "treatment_net + addons_total + tax")
        source = try row.text(c("source"))
        line = try row.optionalInt(c("line")).map { Int($0) }
        rateCardHash = try row.text(c("rate_card_hash"))
    }
}
