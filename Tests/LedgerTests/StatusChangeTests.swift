@testable import Ledger
import Pricing
import Testing

@Suite("Accept and decline rules")
struct StatusChangeTests {
    static let card = try! RateCard.load(path: LedgerNeutralFixtures.root.appendingPathComponent("Examples/pricing.toml").path)

    /// A quote dated 2026-11-01 (valid until 2026-12-01) with `status`.
    static func quote(_ status: QuoteStatus) throws -> Quote {
        let r = QuoteRequest(requestID: "R1", client: "Ana", location: "downtown", tier: "senior", areas: ["face"], sessions: 3,
                             addons: [], promo: nil, quoteDate: LocalDate(iso: "2026-11-01"), status: status,
                             acceptedOn: status == .accepted ? LocalDate(iso: "2026-11-02") : nil)
        var q = try QuoteEngine.quote(r, card: card, today: LocalDate(iso: "2026-11-01")!)
        q.quoteID = "Q-2026-000001"
        return q
    }

    static func day(_ s: String) -> LocalDate { LocalDate(iso: s)! }

    struct Case: Sendable, CustomStringConvertible {
        var status: QuoteStatus
        var change: StatusChange
        /// The update, or the refusal.
        var expected: Result<StatusUpdate, StatusRefusalBox>
        var description: String { "\(status) + \(change)" }
    }

    /// A refusal as an error (for `Result`).
    struct StatusRefusalBox: Error, Equatable { var refusal: StatusRefusal }

    static func accepted(_ s: String) -> Result<StatusUpdate, StatusRefusalBox> { .success(StatusUpdate(status: .accepted, acceptedOn: day(s))) }
    static func refused(_ r: StatusRefusal) -> Result<StatusUpdate, StatusRefusalBox> { .failure(StatusRefusalBox(refusal: r)) }

    static let cases: [Case] = [
        Case(status: .quoted, change: .accept(on: day("2026-11-01"), overriding: false), expected: accepted("2026-11-01")),
        Case(status: .quoted, change: .accept(on: day("2026-12-01"), overriding: false), expected: accepted("2026-12-01")),
        Case(status: .quoted, change: .accept(on: day("2026-12-02"), overriding: false),
             expected: refused(.expired(day: day("2026-12-02"), validUntil: day("2026-12-01")))),
        Case(status: .quoted, change: .accept(on: day("2027-06-30"), overriding: true), expected: accepted("2027-06-30")),
        Case(status: .quoted, change: .accept(on: day("2026-10-31"), overriding: false),
             expected: refused(.beforeQuoteDate(day: day("2026-10-31"), quoteDate: day("2026-11-01")))),
        Case(status: .quoted, change: .accept(on: day("2026-10-31"), overriding: true),
             expected: refused(.beforeQuoteDate(day: day("2026-10-31"), quoteDate: day("2026-11-01")))),
        Case(status: .accepted, change: .accept(on: day("2026-11-05"), overriding: false), expected: refused(.alreadyAccepted)),
        Case(status: .accepted, change: .accept(on: day("2026-11-05"), overriding: true), expected: refused(.alreadyAccepted)),
        Case(status: .declined, change: .accept(on: day("2026-11-05"), overriding: false), expected: refused(.wasDeclined)),
        Case(status: .declined, change: .accept(on: day("2026-11-05"), overriding: true), expected: accepted("2026-11-05")),
        Case(status: .declined, change: .accept(on: day("2026-12-20"), overriding: true), expected: accepted("2026-12-20")),
        Case(status: .quoted, change: .decline, expected: .success(StatusUpdate(status: .declined, acceptedOn: nil))),
        Case(status: .accepted, change: .decline, expected: refused(.acceptedCannotDecline)),
        Case(status: .declined, change: .decline, expected: refused(.alreadyDeclined)),
    ]

    @Test("each change to each status gives its update or its refusal", arguments: cases)
    func rule(c: Case) throws {
        let quote = try Self.quote(c.status)
        switch c.expected {
        case let .success(update):
            #expect(try c.change.update(of: quote) == update)
        case let .failure(box):
            #expect(throws: LedgerError.statusChange(quoteID: "Q-2026-000001", refusal: box.refusal)) { try c.change.update(of: quote) }
        }
    }

    @Test("only a declined or expired quote's refusal can be overridden; each message says why")
    func overridable() {
        let refusals: [(StatusRefusal, Bool, String)] = [
            (.alreadyAccepted, false, "is already accepted"), (.alreadyDeclined, false, "is already declined"),
            (.wasDeclined, true, "was declined"),
            (.beforeQuoteDate(day: Self.day("2026-10-31"), quoteDate: Self.day("2026-11-01")), false,
             "cannot be accepted on 2026-10-31, before its quote date 2026-11-01"),
            (.expired(day: Self.day("2026-12-02"), validUntil: Self.day("2026-12-01")), true, "was valid until 2026-12-01; re-quote the client"),
            (.acceptedCannotDecline, false, "is accepted; its revenue is booked, so it cannot be declined"),
        ]
        for (refusal, overridable, text) in refusals {
            #expect(refusal.overridable == overridable && refusal.description == text)
            #expect(!text.contains("--"))   // no command-line flag in the library's words
        }
    }
}
