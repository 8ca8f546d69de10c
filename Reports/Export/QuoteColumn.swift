import Pricing

/// The columns of the quotes CSV and the `Quotes` sheet (SPEC section 6), in order: the
/// required ones first, then a few extras a clerk needs (add-ons, status, which price
/// limit applied).
public enum QuoteColumn: String, CaseIterable, Sendable {
    case quoteID = "quote_id", requestID = "request_id", client, location, tier, areas, sessions
    case spacingWeeks = "spacing_weeks", sessionListPrice = "session_list_price", sessionPrice = "session_price"
    case listTotal = "list_total", seriesDiscountPercent = "series_discount_percent"
    case seriesDiscount = "series_discount", promoCode = "promo_code", promoDiscount = "promo_discount"
    case treatmentNet = "treatment_net", addonsTotal = "addons_total", tax, total, deposit, balance
    case perSessionPrice = "per_session_price", quoteDate = "quote_date", firstSession = "first_session"
    case lastSession = "last_session", validUntil = "valid_until", rateCardVersion = "rate_card_version"
    case addons, priceLimit = "price_limit", startDate = "start_date", status, acceptedOn = "accepted_on"
    case rateCardName = "rate_card_name", currency

    /// Every column in order, made once (`allCases` builds a new array on each use).
    public static let ordered: [QuoteColumn] = allCases

    /// The header row.
    public static let header: [String] = allCases.map(\.rawValue)

    /// This column's value for `q`.
    public func cell(_ q: Quote) -> Cell {
        var single = SingleCell()
        write(q, to: &single)
        return single.cell
    }

    /// Writes this column's value for `q` to `w` (the one mapping of columns to values).
    @inline(__always)
    public func write<W: CellWriter>(_ q: Quote, to w: inout W) {
        switch self {
        case .quoteID: w.text(q.quoteID)
        case .requestID: w.text(q.request.requestID)
        case .client: w.text(q.request.client)
        case .location: w.text(q.request.location)
        case .tier: w.text(q.request.tier)
        case .areas: w.list(q.request.areas)
        case .sessions: w.integer(q.request.sessions)
        case .spacingWeeks: w.integer(q.spacingWeeks)
        case .sessionListPrice: w.money(q.sessionListPrice)
        case .sessionPrice: w.money(q.sessionPrice)
        case .listTotal: w.money(q.listTotal)
        case .seriesDiscountPercent: w.percent(q.seriesDiscountPercent)
        case .seriesDiscount: w.money(q.seriesDiscount)
        case .promoCode: w.text(q.promoCode)
        case .promoDiscount: w.money(q.promoDiscount)
        case .treatmentNet: w.money(q.treatmentNet)
        case .addonsTotal: w.money(q.addonsTotal)
        case .tax: w.money(q.tax)
        case .total: w.money(q.total)
        case .deposit: w.money(q.deposit)
        case .balance: w.money(q.balance)
        case .perSessionPrice: w.money(q.perSessionPrice)
        case .quoteDate: w.date(q.quoteDate)
        case .firstSession: w.date(q.firstSession)
        case .lastSession: w.date(q.lastSession)
        case .validUntil: w.date(q.validUntil)
        case .rateCardVersion: w.text(q.rateCardVersion)
        case .addons: w.list(q.request.addons)
        case .priceLimit: if q.priceLimit == .none { w.empty() } else { w.text(q.priceLimit.rawValue) }
        case .startDate: w.date(q.request.startDate)
        case .status: w.text(q.request.status.rawValue)
        case .acceptedOn: w.date(q.request.acceptedOn)
        case .rateCardName: w.text(q.rateCardName)
        case .currency: w.text(q.currency)
        }
    }

    /// Every column's value for `q`, in order, written to `w`.
    public static func write<W: CellWriter>(row q: Quote, to w: inout W) {
        for column in ordered { column.write(q, to: &w) }
    }

    /// Every column's cell for `q`, in order.
    public static func row(_ q: Quote) -> [Cell] {
        var collector = CellCollector()
        write(row: q, to: &collector)
        return collector.cells
    }
}
