import Pricing

extension QuoteFilter {
    /// Whether `quote` matches: the meaning of a filter, stated in Swift. Stores select
    /// with their own queries; the conformance tests hold each store's query to this.
    public func matches(_ quote: Quote) -> Bool {
        matches(RevenueRecord(quote: quote), client: quote.request.client)
    }

    /// Whether the quote of `record`, whose client is named `client`, matches (a quote's
    /// last session is its last session date).
    public func matches(_ record: RevenueRecord, client: String) -> Bool {
        switch self {
        case .all: true
        case let .quoteDate(range): range.contains(record.quoteDate)
        case let .acceptedOn(range): record.status == .accepted && record.acceptedOn.map(range.contains) == true
        case let .lastSessionFrom(day): (record.sessionDates.last.map { $0 >= day }) == true
        case let .status(status): record.status == status
        case let .locations(ids): ids.contains(record.location)
        case let .clientContains(text): Self.name(client, contains: text)
        case let .and(filters): filters.allSatisfy { $0.matches(record, client: client) }
        case let .or(filters): filters.contains { $0.matches(record, client: client) }
        }
    }

    /// Whether the quote of `record` matches a filter that searches no client name (a
    /// revenue report's): a record does not carry the name, so a ``clientContains(_:)``
    /// in the filter is judged against the empty name.
    public func matches(_ record: RevenueRecord) -> Bool {
        matches(record, client: "")
    }

    /// ``clientContains(_:)``'s rule: `text` appears in `name` as a run of UTF-8 bytes once
    /// both have ASCII `A`-`Z` lowered; the empty text is in every name; a text holding
    /// U+0000 is in none.
    public static func name(_ name: String, contains text: String) -> Bool {
        let needle = asciiLowered(Array(text.utf8)), hay = asciiLowered(Array(name.utf8))
        if needle.contains(0) { return false }
        if needle.isEmpty { return true }
        guard needle.count <= hay.count else { return false }
        for start in 0...(hay.count - needle.count) where hay[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }

    /// `text` with ASCII `A`-`Z` turned into `a`-`z` and every other character kept:
    /// how a client search is folded before a store compares it.
    public static func asciiLowered(_ text: String) -> String {
        String(decoding: asciiLowered(Array(text.utf8)), as: UTF8.self)
    }

    private static func asciiLowered(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { (65...90).contains($0) ? $0 + 32 : $0 }
    }
}
