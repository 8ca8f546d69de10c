import Foundation
import Ledger
import Pricing
import Testing

/// The client-name search (``QuoteFilter/clientContains(_:)``) done by each store, with
/// hostile text: every store gives the answer ``QuoteFilter/matches(_:)`` states, which the
/// fixed expectations below pin down (ASCII case folding only, every character literal).
@Suite("Ledger stores search client names alike")
struct ClientSearchConformanceTests {
    typealias F = ConformanceFixtures

    static let names = [
        "Ada Lovelace", "ADA LOVELACE", "100% Natural", "100 Natural", "snake_case", "snakeXcase", "O'Brien", "OBrien",
        #"back\slash"#, "backslash", #""; DROP TABLE quote; --"#, "\u{C9}mile Zola", "\u{E9}mile zola", "Zo\u{EB}", "Zoe",
        "İstanbul", "\u{212A}elvin", "Straße", "Strasse", "e\u{301}clair", "\u{E9}clair", "日本語 名前", "",
    ]

    /// A search and the names it must find, in the order of ``names``.
    static let searches: [(String, [String])] = [
        ("%", ["100% Natural"]),
        ("_", ["snake_case"]),
        ("'", ["O'Brien"]),
        (#"\"#, [#"back\slash"#]),
        (#""; DROP TABLE quote; --"#, [#""; DROP TABLE quote; --"#]),
        ("%Natural", []),
        ("0%", ["100% Natural"]),
        ("snake_c", ["snake_case"]),
        ("ada", ["Ada Lovelace", "ADA LOVELACE"]),
        ("LOVElace", ["Ada Lovelace", "ADA LOVELACE"]),
        ("\u{E9}", ["\u{E9}mile zola", "\u{E9}clair"]),
        ("\u{C9}", ["\u{C9}mile Zola"]),
        ("MILE ZOLA", ["\u{C9}mile Zola", "\u{E9}mile zola"]),
        ("\u{EB}", ["Zo\u{EB}"]),
        ("zoe", ["Zoe"]),
        ("ss", ["Strasse"]),
        ("ß", ["Straße"]),
        ("i", ["O'Brien", "OBrien", "\u{C9}mile Zola", "\u{E9}mile zola", "\u{212A}elvin", "e\u{301}clair", "\u{E9}clair"]),
        ("k", ["snake_case", "snakeXcase", #"back\slash"#, "backslash"]),
        ("e\u{301}", ["e\u{301}clair"]),
        ("日本", ["日本語 名前"]),
        (" ", ["Ada Lovelace", "ADA LOVELACE", "100% Natural", "100 Natural", #""; DROP TABLE quote; --"#, "\u{C9}mile Zola",
               "\u{E9}mile zola", "日本語 名前"]),
        ("a\u{0}", []),
        ("\u{0}", []),
    ]

    static func quotes() throws -> [Quote] {
        try names.enumerated().map { i, name in
            let r = QuoteRequest(requestID: "N\(i)", client: name, location: ["downtown", "uptown"][i % 2], tier: "senior",
                                 areas: ["face"], sessions: 1, addons: [], quoteDate: F.day("2026-11-02"))
            return try QuoteEngine.quote(r, card: F.card, today: F.day("2026-11-02"))
        }
    }

    @Test("each hostile search finds exactly the names the rule says, entries and revenue records alike, in pages",
          arguments: StoreKind.allCases)
    func hostileSearches(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let saved = F.saved(try await F.save(try Self.quotes(), into: store))
        try #require(saved.count == Self.names.count)
        let searches = Self.searches + [("", Self.names)]
        for (text, names) in searches {
            let filter = QuoteFilter.clientContains(text)
            let expected = saved.filter { filter.matches($0) }
            // Compared as bytes: Swift's String equality would take "e\u{301}" for "\u{E9}".
            #expect(Set(expected.map { Array($0.request.client.utf8) }) == Set(names.map { Array($0.utf8) }),
                    "the rule for \(text.debugDescription)")
            let ids = expected.map(\.quoteID)
            #expect(try await F.entries(store, matching: filter, pageSize: 2).map(\.quote.quoteID) == ids, "\(text.debugDescription)")
            #expect(try await F.records(store, matching: filter, pageSize: 3).map(\.quoteID) == ids, "\(text.debugDescription)")
            let combined = QuoteFilter.and([filter, .locations(["uptown"])])
            #expect(try await F.entries(store, matching: combined).map(\.quote.quoteID) == saved.filter { combined.matches($0) }.map(\.quoteID))
        }
        // The hostile text changed nothing: every quote is still there.
        #expect(try await F.entries(store).count == Self.names.count)
        try await store.close()
    }
}
