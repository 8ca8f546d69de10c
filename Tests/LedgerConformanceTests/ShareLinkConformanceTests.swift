import Foundation
import Ledger
import Pricing
import Testing

/// Client links and contacts: the behaviours every store keeps (``ShareLinkStore``), the
/// rules (``ShareLink/accepting(_:today:ledger:)``) applied inside the store's transaction.
@Suite("Ledger stores keep client links and contacts alike")
struct ShareLinkConformanceTests {
    typealias F = ConformanceFixtures

    static func hash(_ n: Int) -> String { String(repeating: String(n % 10), count: 63) + "a" }
    static let day = F.day("2026-11-10")

    /// A new store holding `F.variety()`: its quotes by request id (V1 quoted, V3 accepted, V5 declined...).
    static func store(_ kind: StoreKind) async throws -> (any LedgerStore & AccountStore, [String: Quote]) {
        let store = try await kind.makeAccountStore()
        let saved = F.saved(try await F.save(try F.variety(), into: store))
        return (store, Dictionary(uniqueKeysWithValues: saved.map { ($0.request.requestID, $0) }))
    }

    static func number(_ q: Quote?) throws -> QuoteNumber { try #require(QuoteNumber(q?.quoteID ?? "")) }

    @Test("a link is found by its quote and by its hash; a new one replaces the token, clears a revocation and keeps an acceptance",
          arguments: StoreKind.allCases)
    func setAndReplace(kind: StoreKind) async throws {
        let (store, q) = try await Self.store(kind)
        let v1 = try Self.number(q["V1"]), v2 = try Self.number(q["V2"])
        #expect(try await store.shareLink(quote: v1) == nil)
        try await store.setShareLink(quote: v1, tokenHash: Self.hash(1), created: 100)
        try await store.setShareLink(quote: v2, tokenHash: Self.hash(2), created: 110)
        let first = ShareLink(quote: v1, tokenHash: Self.hash(1), created: 100)
        #expect(try await store.shareLink(quote: v1) == first)
        #expect(try await store.shareLink(tokenHash: Self.hash(1)) == first)
        #expect(try await store.shareLink(tokenHash: Self.hash(2))?.quote == v2)
        for unknown in [Self.hash(3), "", Self.hash(1).uppercased()] { #expect(try await store.shareLink(tokenHash: unknown) == nil) }

        #expect(try await store.revokeShareLink(quote: v1, at: 150))
        #expect(try await store.revokeShareLink(quote: v1, at: 160))   // revoked already: the first time stays
        #expect(try await store.shareLink(quote: v1)?.revoked == 150)
        #expect(try await !store.revokeShareLink(quote: try Self.number(q["V4"]), at: 170))   // no link

        try await store.setShareLink(quote: v1, tokenHash: Self.hash(4), created: 200)
        #expect(try await store.shareLink(tokenHash: Self.hash(1)) == nil)
        #expect(try await store.shareLink(quote: v1) == ShareLink(quote: v1, tokenHash: Self.hash(4), created: 200))

        let acceptance = LinkAcceptance(time: 300, name: "Ana", fingerprint: String(repeating: "f", count: 64))
        _ = try await store.acceptThroughLink(tokenHash: Self.hash(4), today: Self.day, acceptance: acceptance)
        try await store.setShareLink(quote: v1, tokenHash: Self.hash(5), created: 400)
        #expect(try await store.shareLink(quote: v1) == ShareLink(quote: v1, tokenHash: Self.hash(5), created: 400, acceptance: acceptance))

        let unsaved = QuoteNumber(year: 2026, seq: 999)
        await #expect(throws: LedgerError.notFound(ledger: store.name, quoteID: unsaved.description)) {
            try await store.setShareLink(quote: unsaved, tokenHash: Self.hash(6), created: 1)
        }
        #expect(try await store.shareLink(tokenHash: Self.hash(6)) == nil)
        try await store.close()
    }

    @Test("accepting through a link accepts the quote on the day given and records the acceptance; a second is refused",
          arguments: StoreKind.allCases)
    func accept(kind: StoreKind) async throws {
        let (store, q) = try await Self.store(kind)
        let v1 = try Self.number(q["V1"])
        try await store.setShareLink(quote: v1, tokenHash: Self.hash(1), created: 100)
        let acceptance = LinkAcceptance(time: 1_800_000_000, name: "Ana María O'Neil 東京", fingerprint: String(repeating: "0", count: 64))
        let entry = try await store.acceptThroughLink(tokenHash: Self.hash(1), today: Self.day, acceptance: acceptance)
        #expect(entry.quote.request.status == .accepted && entry.quote.request.acceptedOn == Self.day)
        #expect(try await store.entry(v1).quote == entry.quote)
        #expect(try await store.shareLink(quote: v1)?.acceptance == acceptance)
        let again = LinkAcceptance(time: 1_800_000_100, name: "Other", fingerprint: String(repeating: "1", count: 64))
        await #expect(throws: LedgerError.statusChange(quoteID: v1.description, refusal: .alreadyAccepted)) {
            try await store.acceptThroughLink(tokenHash: Self.hash(1), today: Self.day, acceptance: again)
        }
        #expect(try await store.shareLink(quote: v1)?.acceptance == acceptance)
        #expect(try await store.summary().accepted == 3)
        try await store.close()
    }

    enum Closed: String, CaseIterable, Sendable { case unknown, revoked, declined, acceptedByClinic, expired, beforeQuoteDate }

    @Test("a link that is unknown, revoked, of a declined, accepted or expired quote is refused, nothing changed",
          arguments: StoreKind.allCases, Closed.allCases)
    func refused(kind: StoreKind, closed: Closed) async throws {
        let (store, q) = try await Self.store(kind)
        let id: String = switch closed {
        case .declined: "V5"
        case .acceptedByClinic: "V3"
        default: "V1"
        }
        let number = try Self.number(q[id])
        try await store.setShareLink(quote: number, tokenHash: Self.hash(1), created: 100)
        if closed == .revoked { _ = try await store.revokeShareLink(quote: number, at: 120) }
        let today: LocalDate = switch closed {
        case .expired: q["V1"]!.validUntil.adding(days: 1)
        case .beforeQuoteDate: q["V1"]!.quoteDate.adding(days: -1)
        case .declined: F.day("2027-02-21")
        default: Self.day
        }
        let before = try await F.entries(store).map(\.quote)
        let acceptance = LinkAcceptance(time: 1, name: "Ana", fingerprint: String(repeating: "0", count: 64))
        let refusal: LedgerError = switch closed {
        case .beforeQuoteDate:
            .statusChange(quoteID: number.description, refusal: .beforeQuoteDate(day: today, quoteDate: q["V1"]!.quoteDate))
        default: .linkUnavailable(ledger: store.name)
        }
        await #expect(throws: refusal) {
            try await store.acceptThroughLink(tokenHash: closed == .unknown ? Self.hash(2) : Self.hash(1), today: today, acceptance: acceptance)
        }
        #expect(try await F.entries(store).map(\.quote) == before)
        #expect(try await store.shareLink(quote: number)?.acceptance == nil)
        try await store.close()
    }

    @Test("two clients accepting through one link at once: exactly one acceptance is kept", arguments: StoreKind.allCases)
    func concurrentAccepts(kind: StoreKind) async throws {
        let (store, q) = try await Self.store(kind)
        let v1 = try Self.number(q["V1"])
        try await store.setShareLink(quote: v1, tokenHash: Self.hash(1), created: 100)
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<8 {
                group.addTask {
                    let a = LinkAcceptance(time: Int64(i), name: "Client \(i)", fingerprint: String(repeating: "0", count: 64))
                    return (try? await store.acceptThroughLink(tokenHash: Self.hash(1), today: Self.day, acceptance: a)) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1)
        let kept = try #require(try await store.shareLink(quote: v1)?.acceptance)
        #expect(kept.name == "Client \(kept.time)")
        try await store.close()
    }

    static let hostile = ["+1 (503) 555-0142", "ana@example.com", "O'Brien'; DROP TABLE quote; --", "Zoë 東京 🙂 \\ % _"]

    @Test("a client contact is stored, replaced and removed as given; an unsaved quote is notFound", arguments: StoreKind.allCases, hostile)
    func contacts(kind: StoreKind, text: String) async throws {
        let (store, q) = try await Self.store(kind)
        let v1 = try Self.number(q["V1"]), v2 = try Self.number(q["V2"])
        #expect(try await store.clientContact(quote: v1) == nil)
        try await store.setClientContact(text, quote: v1)
        try await store.setClientContact("other", quote: v2)
        #expect(try await store.clientContact(quote: v1) == text)
        try await store.setClientContact(text + "!", quote: v1)
        #expect(try await store.clientContact(quote: v1) == text + "!")
        try await store.setClientContact(nil, quote: v1)
        #expect(try await store.clientContact(quote: v1) == nil)
        #expect(try await store.clientContact(quote: v2) == "other")
        let unsaved = QuoteNumber(year: 2026, seq: 999)
        for contact in [text, nil] {
            await #expect(throws: LedgerError.notFound(ledger: store.name, quoteID: unsaved.description)) {
                try await store.setClientContact(contact, quote: unsaved)
            }
        }
        #expect(try await store.summary().quotes == 6)
        try await store.close()
    }

    @Test("a ledger of the version before links opens, is upgraded, keeps its quotes and accounts, and gains links and contacts",
          arguments: StoreKind.allCases)
    func upgrade(kind: StoreKind) async throws {
        let previous = try await kind.makePreviousVersion(saving: try F.variety(), before: .links)
        // Taken back before the links: the migrations after them (the audit trail; on
        // PostgreSQL the account notifications too) are undone with them.
        #expect(try await previous.version() == previous.takenBackTo && previous.takenBackTo < previous.currentVersion)
        let store = try await previous.open()
        #expect(try await previous.version() == previous.currentVersion)
        #expect(try await F.entries(store).map(\.quote) == previous.saved)
        let first = try Self.number(previous.saved.first)
        #expect(try await store.shareLink(quote: first) == nil)
        try await store.setShareLink(quote: first, tokenHash: Self.hash(1), created: 1)
        try await store.setClientContact("ana@example.com", quote: first)
        #expect(try await store.shareLink(tokenHash: Self.hash(1))?.quote == first)
        #expect(try await store.clientContact(quote: first) == "ana@example.com")
        try await store.close()
    }

    @Test("links, contacts and audit events attached in a save are committed with its quotes, and rolled back with them",
          arguments: StoreKind.allCases)
    func attachedInSave(kind: StoreKind) async throws {
        let store = try await kind.makeAccountStore()
        let quotes = try F.variety()
        let saved = try await SaveSession.run(on: store) { session in
            let saved = F.saved(try await session.save(quotes, from: .other("web"), lines: quotes.map { _ in nil },
                                                       rateCardHash: F.card.contentHash))
            let numbers = try saved.map { try Self.number($0) }
            try await session.attach([
                QuoteAttachment(quote: numbers[0], linkTokenHash: Self.hash(1), linkCreated: 100, contact: "ana@example.com",
                                events: Self.events(numbers[0], address: "192.0.2.7")),
                QuoteAttachment(quote: numbers[1], linkTokenHash: Self.hash(2), linkCreated: 110, contact: nil),
                QuoteAttachment(quote: numbers[2], linkTokenHash: nil, linkCreated: 0, contact: "+1 555 0100",
                                events: Self.events(numbers[2], address: nil)),
            ])
            return numbers
        }
        let trail = try #require(store as? any AuditStore)
        let events = try await trail.auditEvents(matching: .all, after: nil, limit: 100).map { event -> AuditEvent in
            var event = event
            event.id = 0
            return event
        }
        #expect(events == Self.events(saved[0], address: "192.0.2.7") + Self.events(saved[2], address: nil))
        #expect(try await store.shareLink(quote: saved[0]) == ShareLink(quote: saved[0], tokenHash: Self.hash(1), created: 100))
        #expect(try await store.shareLink(tokenHash: Self.hash(2))?.quote == saved[1])
        #expect(try await store.shareLink(quote: saved[2]) == nil)
        #expect(try await store.clientContact(quote: saved[0]) == "ana@example.com")
        #expect(try await store.clientContact(quote: saved[1]) == nil)
        #expect(try await store.clientContact(quote: saved[2]) == "+1 555 0100")

        struct Abandoned: Error {}
        await #expect(throws: Abandoned.self) {
            try await SaveSession.run(on: store) { session in
                let more = F.saved(try await session.save([try F.quote("R1")], from: .other("web"), lines: [nil],
                                                          rateCardHash: F.card.contentHash))
                let number = try Self.number(more.first)
                try await session.attach([QuoteAttachment(quote: number, linkTokenHash: Self.hash(3), linkCreated: 120,
                                                          contact: "gone@example.com", events: Self.events(number, address: nil))])
                throw Abandoned()
            }
        }
        #expect(try await store.shareLink(tokenHash: Self.hash(3)) == nil)
        #expect(try await store.summary().quotes == quotes.count)
        #expect(try await trail.auditEvents(matching: .all, after: nil, limit: 100).count == events.count)
        try await store.close()
    }

    @Test("ledger copy carries every quote's link (revoked or accepted as it was) and contact, and the trail after the target's own events: a client's link still opens and is refused alike",
          arguments: StoreKind.allCases, StoreKind.allCases)
    func copied(from sourceKind: StoreKind, to targetKind: StoreKind) async throws {
        let (source, q) = try await Self.store(sourceKind)
        let v1 = try Self.number(q["V1"]), v2 = try Self.number(q["V2"]), v4 = try Self.number(q["V4"]), v6 = try Self.number(q["V6"])
        try await source.setShareLink(quote: v1, tokenHash: Self.hash(1), created: 100)
        try await source.setShareLink(quote: v2, tokenHash: Self.hash(2), created: 110)
        #expect(try await source.revokeShareLink(quote: v2, at: 150))
        try await source.setShareLink(quote: v4, tokenHash: Self.hash(4), created: 120)
        let acceptance = LinkAcceptance(time: 300, name: "Ana María O'Neil 東京", fingerprint: String(repeating: "f", count: 64))
        _ = try await source.acceptThroughLink(tokenHash: Self.hash(1), today: Self.day, acceptance: acceptance)
        try await source.setClientContact("ana@example.com", quote: v1)
        try await source.setClientContact("+1 555 0100", quote: v6)   // a contact without a link
        let stamp = AuditStamp(actor: .user("ana"), at: 1_000, address: "192.0.2.7")
        try await source.appendAudit(Self.events(v1, address: "192.0.2.7") + [stamp.event(.signIn)] + Self.events(v4, address: nil))
        let trail = try await Self.trail(source)
        #expect(trail.count == 5)

        let target = try await targetKind.makeAccountStore()
        try await target.appendAudit(stamp.event(.signIn, detail: "the target's own, before the copy"))
        let copied = try await LedgerCopy.run(from: source, to: target)
        #expect(copied.links == 3 && copied.contacts == 2 && copied.events == 5)
        // The trail follows the target's own event, in the source's order, each as it was.
        let targetTrail = try await Self.trail(target)
        #expect(targetTrail.first?.detail == "the target's own, before the copy" && Array(targetTrail.dropFirst()) == trail)
        #expect(copied.summary == (try await source.summary()))
        for number in [v1, v2, v4, v6] {
            #expect(try await target.shareLink(quote: number) == (try await source.shareLink(quote: number)), "\(number)")
            #expect(try await target.clientContact(quote: number) == (try await source.clientContact(quote: number)), "\(number)")
        }
        #expect(try await target.shareLink(quote: v1)?.acceptance == acceptance)
        #expect(try await target.shareLink(quote: v2)?.revoked == 150)
        // Without contacts (a copy for the accountant): the same links, no contact.
        let bare = try await targetKind.makeAccountStore()
        let withoutContacts = try await LedgerCopy.run(from: source, to: bare, contacts: false)
        #expect(withoutContacts.links == 3 && withoutContacts.contacts == 0 && withoutContacts.events == 5)
        #expect(try await Self.trail(bare) == trail)
        for number in [v1, v2, v4, v6] {
            #expect(try await bare.shareLink(quote: number) == (try await source.shareLink(quote: number)), "\(number)")
            #expect(try await bare.clientContact(quote: number) == nil, "\(number)")
        }
        try await bare.close()
        // Paged in quote order (by id: Q-2027-000001 after Q-2026-000004), as the copy reads them.
        let inOrder = [v1, v2, v4, v6].sorted { $0.rowID < $1.rowID }
        let first = try await target.attachments(after: nil, limit: 2), rest = try await target.attachments(after: first.last?.quote, limit: 10)
        #expect(first.count == 2 && (first + rest).map(\.quote) == inOrder)
        #expect(try await target.attachments(after: inOrder.last, limit: 10).isEmpty)
        // The copied links behave as they did: the accepted and the revoked one are refused,
        // the open one accepts (on a day within its quote's validity).
        await #expect(throws: LedgerError.statusChange(quoteID: v1.description, refusal: .alreadyAccepted)) {
            try await target.acceptThroughLink(tokenHash: Self.hash(1), today: Self.day, acceptance: acceptance)
        }
        await #expect(throws: LedgerError.self) {
            try await target.acceptThroughLink(tokenHash: Self.hash(2), today: Self.day, acceptance: acceptance)
        }
        let entry = try await target.acceptThroughLink(tokenHash: Self.hash(4), today: F.day("2027-01-12"), acceptance: acceptance)
        #expect(entry.quote.request.status == .accepted && entry.quote.quoteID == v4.description)
        try await source.close()
        try await target.close()
    }

    /// Every event of `store`'s trail in id order, ids set to 0 (a copy gives new ones).
    static func trail(_ store: any AuditStore) async throws -> [AuditEvent] {
        try await store.auditEvents(matching: .all, after: nil, limit: 1_000).map { event in
            var event = event
            event.id = 0
            return event
        }
    }

    /// A web save's two events about `quote`, by "ana" from `address`.
    static func events(_ quote: QuoteNumber, address: String?) -> [AuditEvent] {
        let stamp = AuditStamp(actor: .user("ana"), at: 1_000, address: address)
        return [stamp.event(.quoteSaved, quote: quote, location: "downtown", detail: "from the web"),
                stamp.event(.linkCreated, quote: quote, location: "downtown")]
    }
}
