import Foundation
import Ledger
import Pricing
import Testing

/// Hostile text (SQL metacharacters, HTML and script, spreadsheet formula prefixes,
/// Unicode tricks, 10 kB) in every text a ledger keeps from a user or a CSV: the client's
/// name, the request id, the client's contact, the name typed on the client link page, and
/// the filters of the list (client search, location). Each store receives them as bound
/// values only: it reads back the same bytes, finds exactly what
/// ``QuoteFilter/matches(_:)`` says, and nothing else in the ledger changes.
@Suite("Ledger stores keep hostile text as bound values")
struct HostileTextConformanceTests {
    typealias F = ConformanceFixtures

    /// The hostile texts, named (the name shows in the test's arguments).
    static let texts: [(String, String)] = [
        ("sql drop", "'; DROP TABLE quote; --"), ("sql percent", "%"), ("sql underscore", "_"), ("sql backslash", #"\\"#),
        ("sql or", #"" OR 1=1 --"#), ("sql comment", "a' /* x */ OR '1'='1"), ("sql dollar quote", "$$; DROP TABLE quote; $$"),
        ("html img", "<img src=x onerror=alert(1)>"), ("html script", "</script><script>alert(1)</script>"),
        ("html attribute", #"" autofocus onfocus=alert(1) x=""#), ("javascript url", "javascript:alert(1)"),
        ("html prepended", "\u{600}<img src=x onerror=alert(1)>"), ("html combined quote", "x\"\u{301} autofocus onfocus=alert(1) x=\""),
        ("formula cmd", "=cmd|' /C calc'!A0"), ("formula plus", "+1"), ("formula minus", "-1"), ("formula at", "@SUM(1)"),
        ("formula tab", "\t=1+1"), ("formula cr", "\r=1+1"), ("rtl override", "Ana \u{202E}gnp.exe"),
        ("nul", "a\u{0}b"), ("long", String(repeating: "é<'\"%_", count: 10_240 / 6)),
    ]

    /// A quote whose client and request id are both `text` (the request id made unique by `i`).
    static func quote(_ text: String, _ i: Int) throws -> Quote {
        let r = QuoteRequest(requestID: "\(i)\(text)", client: text, location: "downtown", tier: "senior", areas: ["face"],
                             sessions: 1, addons: [], quoteDate: F.day("2026-11-02"))
        return try QuoteEngine.quote(r, card: F.card, today: F.day("2026-11-02"))
    }

    /// Whether a store must refuse `text` (U+0000: ``StoredText``) rather than keep it.
    static func refused(_ text: String) -> Bool { text.utf8.contains(0) }

    static func bytes(_ s: String?) -> [UInt8]? { s.map { Array($0.utf8) } }

    @Test("a hostile client name and request id are saved and read back byte for byte, found by a search for them and nothing else",
          arguments: StoreKind.allCases, texts)
    func roundTrip(kind: StoreKind, text: (String, String)) async throws {
        let store = try await kind.makeStore()
        let plain = F.saved(try await F.save([try F.quote("P1"), try F.quote("P2")], into: store))
        if Self.refused(text.1) {
            await #expect { try await F.save([try Self.quote(text.1, 0)], into: store) } throws: { error in
                guard case let .constraint(_, reason)? = error as? LedgerError else { return false }
                return reason.hasPrefix("request_id ") && reason.contains("U+0000")
            }
            #expect(try await F.entries(store).map(\.quote) == plain)
            try await store.close()
            return
        }
        let saved = F.saved(try await F.save([try Self.quote(text.1, 0)], into: store))
        let quote = try #require(saved.first)
        let read = try await store.entry(try #require(QuoteNumber(quote.quoteID))).quote
        // Compared as bytes: Swift's String equality would take "e\u{301}" for "\u{E9}".
        #expect(Self.bytes(read.request.client) == Self.bytes(text.1))
        #expect(Self.bytes(read.request.requestID) == Self.bytes("0" + text.1))
        #expect(read == quote)
        let all = plain + saved
        for filter in [QuoteFilter.clientContains(text.1), .locations([text.1]), .and([.clientContains(text.1), .locations(["downtown"])])] {
            let expected = all.filter { filter.matches($0) }.map(\.quoteID)
            #expect(try await F.entries(store, matching: filter).map(\.quote.quoteID) == expected, "\(filter)")
            #expect(try await F.records(store, matching: filter).map(\.quoteID) == expected, "\(filter)")
        }
        // Nothing else changed: the other quotes are there as they were.
        #expect(try await F.entries(store).map(\.quote) == all)
        try await store.close()
    }

    @Test("a hostile client contact and a hostile name typed on the client link page are kept byte for byte",
          arguments: StoreKind.allCases, texts)
    func contactAndAcceptance(kind: StoreKind, text: (String, String)) async throws {
        let store = try await kind.makeAccountStore()
        let saved = F.saved(try await F.save([try F.quote("P1"), try F.quote("P2")], into: store))
        let first = try #require(QuoteNumber(saved[0].quoteID)), second = try #require(QuoteNumber(saved[1].quoteID))
        let hash = String(repeating: "7", count: 63) + "a"
        try await store.setShareLink(quote: second, tokenHash: hash, created: 100)
        let acceptance = LinkAcceptance(time: 1_800_000_000, name: text.1, fingerprint: String(repeating: "0", count: 64))
        if Self.refused(text.1) {
            for (field, write) in [("client_contact", { try await store.setClientContact(text.1, quote: first) }),
                                   ("name", { _ = try await store.acceptThroughLink(tokenHash: hash, today: F.day("2026-11-10"), acceptance: acceptance) })]
                as [(String, () async throws -> Void)] {
                await #expect { try await write() } throws: { error in
                    guard case let .constraint(_, reason)? = error as? LedgerError else { return false }
                    return reason.hasPrefix(field + " ") && reason.contains("U+0000")
                }
            }
            #expect(try await store.clientContact(quote: first) == nil)
            #expect(try await store.shareLink(quote: second)?.acceptance == nil)
            #expect(try await F.entries(store).map(\.quote) == saved)
            try await store.close()
            return
        }
        try await store.setClientContact(text.1, quote: first)
        #expect(Self.bytes(try await store.clientContact(quote: first)) == Self.bytes(text.1))
        #expect(try await store.clientContact(quote: second) == nil)
        _ = try await store.acceptThroughLink(tokenHash: hash, today: F.day("2026-11-10"), acceptance: acceptance)
        let kept = try #require(try await store.shareLink(quote: second)?.acceptance)
        #expect(Self.bytes(kept.name) == Self.bytes(text.1))
        // A hostile token hash finds nothing and changes nothing.
        #expect(try await store.shareLink(tokenHash: text.1) == nil)
        #expect(try await F.entries(store).count == 2)
        try await store.close()
    }
}
