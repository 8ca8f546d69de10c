import Pricing

extension QuoteFilter {
    /// Whether the quote of `record` matches: the meaning of a filter, stated in Swift.
    /// Stores select with their own queries; the conformance tests hold each store's
    /// query to this (a quote's last session is its last session date).
    public func matches(_ record: RevenueRecord) -> Bool {
        switch self {
        case .all: true
        case let .quoteDate(range): range.contains(record.quoteDate)
        case let .acceptedOn(range): record.status == .accepted && record.acceptedOn.map(range.contains) == true
        case let .lastSessionFrom(day): (record.sessionDates.last.map { $0 >= day }) == true
        case let .status(status): record.status == status
        case let .locations(ids): ids.contains(record.location)
        case let .and(filters): filters.allSatisfy { $0.matches(record) }
        case let .or(filters): filters.contains { $0.matches(record) }
        }
    }
}
