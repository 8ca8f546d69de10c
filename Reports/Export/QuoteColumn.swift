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
        let r = q.request
        switch self {
        case .quoteID: return .text(q.quoteID)
        case .requestID: return .text(r.requestID)
        case .client: return .text(r.client)
        case .location: return .text(r.location)
        case .tier: return .text(r.tier)
        case .areas: return .list(r.areas)
        case .sessions: return .integer(r.sessions)
        case .spacingWeeks: return .integer(q.spacingWeeks)
        case .sessionListPrice: return .money(q.sessionListPrice)
        case .sessionPrice: return .money(q.sessionPrice)
        case .listTotal: return .money(q.listTotal)
        case .seriesDiscountPercent: return .percent(q.seriesDiscountPercent)
        case .seriesDiscount: return .money(q.seriesDiscount)
        case .promoCode: return q.promoCode.map(Cell.text) ?? .empty
        case .promoDiscount: return .money(q.promoDiscount)
        case .treatmentNet: return .money(q.treatmentNet)
        case .addonsTotal: return .money(q.addonsTotal)
        case .tax: return .money(q.tax)
        case .total: return .money(q.total)
        case .deposit: return .money(q.deposit)
        case .balance: return .money(q.balance)
        case .perSessionPrice: return .money(q.perSessionPrice)
        case .quoteDate: return .date(q.quoteDate)
        case .firstSession: return .date(q.firstSession)
        case .lastSession: return .date(q.lastSession)
        case .validUntil: return .date(q.validUntil)
        case .rateCardVersion: return .text(q.rateCardVersion)
        case .addons: return .list(r.addons)
        case .priceLimit: return q.priceLimit == .none ? .empty : .text(q.priceLimit.rawValue)
        case .startDate: return r.startDate.map(Cell.date) ?? .empty
        case .status: return .text(r.status.rawValue)
        case .acceptedOn: return r.acceptedOn.map(Cell.date) ?? .empty
        case .rateCardName: return .text(q.rateCardName)
        case .currency: return .text(q.currency)
        }
    }

    /// Every column's cell for `q`, in order.
    public static func row(_ q: Quote) -> [Cell] { ordered.map { $0.cell(q) } }
}
