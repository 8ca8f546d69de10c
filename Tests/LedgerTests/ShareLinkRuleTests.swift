@testable import Ledger
import Pricing
import Testing

@Suite("Client link rules")
struct ShareLinkRuleTests {
    typealias S = StatusChangeTests
    static let acceptance = LinkAcceptance(time: 1_800_000_000, name: "Ana", fingerprint: String(repeating: "a", count: 64))

    static func link(revoked: Int64? = nil, accepted: Bool = false) -> ShareLink {
        ShareLink(quote: QuoteNumber(year: 2026, seq: 1), tokenHash: "h", created: 1, revoked: revoked,
                  acceptance: accepted ? acceptance : nil)
    }

    struct Case: Sendable, CustomStringConvertible {
        var status: QuoteStatus
        var revoked: Int64?
        var accepted: Bool
        var today: String
        var state: ShareLinkState
        var description: String { "\(status) revoked:\(revoked.map(String.init) ?? "no") accepted:\(accepted) on \(today)" }
    }

    /// The quote is dated 2026-11-01 and valid until 2026-12-01.
    static let cases: [Case] = [
        Case(status: .quoted, revoked: nil, accepted: false, today: "2026-11-01", state: .active),
        Case(status: .quoted, revoked: nil, accepted: false, today: "2026-12-01", state: .active),
        Case(status: .quoted, revoked: nil, accepted: false, today: "2026-12-02", state: .closed(.expired)),
        Case(status: .quoted, revoked: 5, accepted: false, today: "2026-11-05", state: .revoked(at: 5)),
        Case(status: .declined, revoked: nil, accepted: false, today: "2026-11-05", state: .closed(.declined)),
        Case(status: .accepted, revoked: nil, accepted: false, today: "2026-11-05", state: .closed(.acceptedByClinic)),
        Case(status: .accepted, revoked: nil, accepted: true, today: "2026-11-05", state: .accepted(acceptance)),
        Case(status: .accepted, revoked: nil, accepted: true, today: "2027-06-30", state: .accepted(acceptance)),
        Case(status: .accepted, revoked: 9, accepted: true, today: "2026-11-05", state: .revoked(at: 9)),
    ]

    @Test("a link's state follows its revocation, its acceptance, the quote's status and validity", arguments: cases)
    func state(_ c: Case) throws {
        let link = Self.link(revoked: c.revoked, accepted: c.accepted)
        let state = link.state(of: try S.quote(c.status), today: S.day(c.today))
        #expect(state == c.state)
        #expect(state.showsQuote == (c.state == .active || c.state == .accepted(Self.acceptance)))
    }

    @Test("only an active link accepts, by the staff's rule on the day given; an accepted one refuses as already accepted, the others as unavailable",
          arguments: cases)
    func accepting(_ c: Case) throws {
        let link = Self.link(revoked: c.revoked, accepted: c.accepted), quote = try S.quote(c.status), day = S.day(c.today)
        switch c.state {
        case .active:
            #expect(try link.accepting(quote, today: day, ledger: "l") == StatusUpdate(status: .accepted, acceptedOn: day))
        case .accepted:
            #expect(throws: LedgerError.statusChange(quoteID: "Q-2026-000001", refusal: .alreadyAccepted)) {
                try link.accepting(quote, today: day, ledger: "l")
            }
        case .revoked, .closed:
            #expect(throws: LedgerError.linkUnavailable(ledger: "l")) { try link.accepting(quote, today: day, ledger: "l") }
        }
    }

    @Test("an active link still refuses a day before the quote date, as staff would")
    func beforeQuoteDate() throws {
        #expect(throws: LedgerError.statusChange(quoteID: "Q-2026-000001",
                                                 refusal: .beforeQuoteDate(day: S.day("2026-10-31"), quoteDate: S.day("2026-11-01")))) {
            try Self.link().accepting(try S.quote(.quoted), today: S.day("2026-10-31"), ledger: "l")
        }
    }

    @Test("a typed name is trimmed; empty, blank, over 100 characters or with control characters is refused on the field name",
          arguments: [("  Ana  ", "Ana"), ("Zoë 東京", "Zoë 東京"), (String(repeating: "n", count: 100), String(repeating: "n", count: 100)),
                      ("", nil), (" \t\n ", nil), (String(repeating: "n", count: 101), nil), ("Ana\u{0}", nil), ("A\u{1B}[2J", nil)])
    func names(_ c: (String, String?)) throws {
        if let expected = c.1 {
            #expect(try LinkAcceptance.name(c.0) == expected)
        } else {
            #expect { try LinkAcceptance.name(c.0) } throws: { error in
                if case let PricingError.invalidRequest(field, _, _) = error { return field == "name" }
                return false
            }
        }
    }

    @Test("a client contact is trimmed, optional, at most 200 characters, on one line",
          arguments: [(nil, Optional<String>.none, true), ("", nil, true), ("  ", nil, true), (" +1 503 555 0142 ", "+1 503 555 0142", true),
                      (String(repeating: "x", count: 200), String(repeating: "x", count: 200), true),
                      (String(repeating: "x", count: 201), nil, false), ("a\nb", nil, false), ("a\u{7}", nil, false)])
    func contacts(_ c: (String?, String?, Bool)) throws {
        if c.2 {
            #expect(try ClientContact.parse(c.0) == c.1)
        } else {
            #expect { try ClientContact.parse(c.0) } throws: { error in
                if case let PricingError.invalidRequest(field, _, _) = error { return field == "client_contact" }
                return false
            }
        }
    }
}
