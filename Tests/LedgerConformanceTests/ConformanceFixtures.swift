import Foundation
import Ledger
import Pricing

/// Quotes for the conformance suite, priced on the example rate card (effective
/// 2026-10-01 to 2027-03-31).
enum ConformanceFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let card = try! RateCard.load(path: root.appendingPathComponent("Examples/pricing.toml").path)

    static func day(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    /// A priced quote dated `date` (valid 30 days).
    static func quote(_ requestID: String, date: String = "2026-11-02", location: String = "downtown", tier: String = "senior",
                      areas: [String] = ["face", "neck"], sessions: Int = 3, addons: [String] = ["aftercare_kit", "growth_serum"],
                      promo: String? = nil, status: QuoteStatus = .quoted, acceptedOn: String? = nil) throws -> Quote {
        let r = QuoteRequest(requestID: requestID, client: "Client \(requestID)", location: location, tier: tier, areas: areas,
                             sessions: sessions, addons: addons, promo: promo, quoteDate: day(date), status: status,
                             acceptedOn: acceptedOn.map(day))
        return try QuoteEngine.quote(r, card: card, today: day(date))
    }

    /// Quotes of every kind: promos, no add-ons, one to six sessions, three locations,
    /// accepted and declined, dated in two years.
    static func variety() throws -> [Quote] {
        [
            try quote("V1"),
            try quote("V2", date: "2026-11-15", promo: "NEWCLIENT50"),
            try quote("V3", date: "2026-12-01", location: "riverside", addons: [], status: .accepted, acceptedOn: "2026-12-03"),
            try quote("V4", date: "2027-01-10", location: "uptown", tier: "physician", areas: ["scalp"], sessions: 6, addons: ["numbing"]),
            try quote("V5", date: "2027-02-20", sessions: 1, status: .declined),
            try quote("V6", date: "2026-10-05", location: "riverside", areas: ["face", "neck", "decollete", "acne_scars"],
                      sessions: 4, addons: ["numbing", "growth_serum", "aftercare_kit"], status: .accepted, acceptedOn: "2026-10-05"),
        ]
    }

    /// `count` quotes over October 2026 to March 2027, at the three locations, a third
    /// accepted (on their day or up to five weeks later), some declined.
    static func spread(_ count: Int, prefix: String = "S") throws -> [Quote] {
        let locations = ["downtown", "uptown", "riverside"]
        return try (0..<count).map { i in
            let date = day("2026-10-01").adding(days: (i * 37) % 180)
            let status: QuoteStatus = i % 3 == 0 ? .accepted : (i % 5 == 1 ? .declined : .quoted)
            return try quote("\(prefix)\(i)", date: date.description, location: locations[i % 3], sessions: 1 + i % 6,
                             addons: i % 4 == 0 ? [] : ["aftercare_kit"], status: status,
                             acceptedOn: status == .accepted ? date.adding(days: (i * 11) % 36).description : nil)
        }
    }

    /// Saves `quotes` into `store` in one session from `source` (lines 2, 3...), returning
    /// the outcomes.
    @discardableResult
    static func save(_ quotes: [Quote], into store: any LedgerStore,
                     from source: QuoteSource = .requestsFile(name: "requests.csv")) async throws -> [SaveOutcome] {
        try await SaveSession.run(on: store) {
            try await $0.save(quotes, from: source, lines: quotes.indices.map { $0 + 2 }, rateCardHash: card.contentHash)
        }
    }

    /// The saved quotes of `outcomes` (numbered), in order.
    static func saved(_ outcomes: [SaveOutcome]) -> [Quote] {
        outcomes.compactMap { if case let .saved(q) = $0 { q } else { nil } }
    }

    /// Every entry of `store` matching `filter`, read `pageSize` at a time.
    static func entries(_ store: any LedgerStore, matching filter: QuoteFilter = .all, pageSize: Int = 1_000) async throws -> [LedgerEntry] {
        var out: [LedgerEntry] = [], after: QuoteNumber?
        while true {
            let page = try await store.entries(matching: filter, after: after, limit: pageSize)
            guard let last = page.last else { return out }
            out += page
            after = QuoteNumber(last.quote.quoteID)
        }
    }

    /// Every revenue record of `store` matching `filter`, read `pageSize` at a time.
    static func records(_ store: any LedgerStore, matching filter: QuoteFilter = .all, pageSize: Int = 1_000) async throws -> [RevenueRecord] {
        var out: [RevenueRecord] = [], after: QuoteNumber?
        while true {
            let page = try await store.revenueRecords(matching: filter, after: after, limit: pageSize)
            guard let last = page.last else { return out }
            out += page
            after = QuoteNumber(last.quoteID)
        }
    }
}

/// Every field of a ``LedgerEntry``, to compare entries.
struct EntryFields: Equatable {
    var quote: Quote
    var source: String
    var line: Int?
    var rateCardHash: String
}

extension LedgerEntry {
    var fields: EntryFields { EntryFields(quote: quote, source: source, line: line, rateCardHash: rateCardHash) }
}
