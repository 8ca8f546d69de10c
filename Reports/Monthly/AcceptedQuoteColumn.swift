import Pricing

/// The columns of the monthly workbook's `Accepted quotes` sheet, in order: the one
/// mapping of a saved quote to that sheet's header and cells.
enum AcceptedQuoteColumn: String, CaseIterable, Sendable {
    case quoteID = "quote_id", location, tier, quoteDate = "quote_date", acceptedOn = "accepted_on", sessions, value
    case firstSession = "first_session", lastSession = "last_session"

    static let ordered: [AcceptedQuoteColumn] = allCases

    /// The header label for people (`Quote ID`).
    var label: String { XLSXLabels.label(rawValue) }

    /// The narrowest a column is (characters).
    var minimumWidth: Double { self == .quoteID ? 16 : 12 }

    /// This column's cell for the saved quote `r` (money in cents, dates as dates).
    func cell(_ r: RevenueRecord) -> Cell {
        switch self {
        case .quoteID: .text(r.quoteID)
        case .location: .text(r.location)
        case .tier: .text(r.tier)
        case .quoteDate: .date(r.quoteDate)
        case .acceptedOn: r.acceptedOn.map(Cell.date) ?? .empty
        case .sessions: .integer(r.sessions)
        case .value: .money(r.value)
        case .firstSession: r.sessionDates.first.map(Cell.date) ?? .empty
        case .lastSession: r.sessionDates.last.map(Cell.date) ?? .empty
        }
    }
}
