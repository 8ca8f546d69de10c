import Foundation
import Ledger
import Pricing
import Workflows

/// Client links and contacts as the front desk uses them: a link made for every quote
/// saved through the web or the API, made again on request (the ledger keeps only the
/// token's hash, so the full link is shown once, when made; making a new one replaces it),
/// revoked by a manager, and accepted by the client under the staff's accept rule on the
/// server's today.
extension Desk {
    /// The ledger's links and contacts (every account store keeps them).
    var links: any ShareLinkStore { accounts }

    /// Prices and saves `fields` for `input`'s caller with the client's contact `contact`
    /// (as typed, checked by ``ClientContact/parse(_:)`` before anything is saved), its new
    /// link and the save's audit events (by the caller, from the request's address), all in
    /// one ledger transaction. Returns the saved quote and the link's token.
    func saveWithLink(_ fields: RequestFields, contact: String?, input: RouteInput) async throws -> (quote: Quote, token: String) {
        let caller = try input.signedIn
        let contact = try ClientContact.parse(contact)
        let quote = try price(fields, for: caller)
        let (token, hash) = ClientLink.newToken()
        let extras = SaveGroup.Extras(linkTokenHash: hash, linkCreated: clock.now(), contact: contact,
                                      audit: try recording(input).stamp)
        return (try await saves.save(quote, with: extras), token)
    }

    /// A new link for the saved quote `id` the caller sees (replacing its link); the token.
    func newLink(_ id: String, for caller: Caller) async throws -> (entry: LedgerEntry, token: String) {
        let entry = try await entry(id, for: caller)
        guard let number = QuoteNumber(entry.quote.quoteID) else { throw LedgerError.notFound(ledger: ledger.name, quoteID: id) }
        return (entry, try await ClientLink.create(for: number, in: links, at: clock.now()))
    }

    /// Revokes the link of quote `id` the caller sees (nothing when it has none).
    func revokeLink(_ id: String, for caller: Caller) async throws -> LedgerEntry {
        let entry = try await entry(id, for: caller)
        guard let number = QuoteNumber(entry.quote.quoteID) else { throw LedgerError.notFound(ledger: ledger.name, quoteID: id) }
        _ = try await links.revokeShareLink(quote: number, at: clock.now())
        return entry
    }

    /// The quote the link `token` shows, with the link and its state; nil when it shows
    /// nothing (unknown, revoked, closed).
    func clientQuote(_ token: String) async throws -> (link: ShareLink, entry: LedgerEntry, state: ShareLinkState)? {
        guard let found = try await ClientLink.find(token, ledger: ledger, links: links, today: clock.today()),
              found.state.showsQuote else { return nil }
        return found
    }

    /// The client's acceptance through `token`, as `typedName`, on the server's today.
    func acceptThroughLink(_ token: String, typedName: String) async throws -> LedgerEntry {
        try await ClientLink.accept(token, typedName: typedName, ledger: ledger, links: links, today: clock.today(), at: clock.now())
    }

    /// The staff quote page's values for the link and contact of `entry`: `token` (from
    /// the page's query, after a link was made) is shown as the link only when it is the
    /// quote's current one.
    func linkValues(_ entry: LedgerEntry, shownToken token: String?, for caller: Caller) async throws -> [String: Any] {
        guard let number = QuoteNumber(entry.quote.quoteID) else { return [:] }
        var values: [String: Any] = ["mayRevokeLink": caller.account.may(.revokeLinks)]
        if let contact = try await links.clientContact(quote: number) { values["contact"] = contact }
        guard let link = try await links.shareLink(quote: number) else {
            values["createLinkLabel"] = "Create client link"
            return values
        }
        values["createLinkLabel"] = "Create a new client link (the old one stops working)"
        var shown: [String: Any] = ["created": Self.time(link.created)]
        if let token, ClientLink.isWellFormed(token), Secret.constantTimeEqual(Secret.hash(token), link.tokenHash) {
            shown["url"] = "/c/" + token
        }
        let state = link.state(of: entry.quote, today: clock.today())
        shown["state"] = Self.describe(state, quote: entry.quote)
        if case .accepted(let a) = state {
            shown["acceptedName"] = a.name
            shown["acceptedAt"] = Self.time(a.time)
            shown["fingerprint"] = a.fingerprint
            shown["fingerprintMatches"] = a.fingerprint == QuoteFingerprint.of(entry.quote)
        }
        if case .active = state { shown["active"] = true }
        values["link"] = shown
        return values
    }

    /// The state in the staff's words.
    static func describe(_ state: ShareLinkState, quote: Quote) -> String {
        switch state {
        case .active: "active: the client can open and accept the quote until \(quote.validUntil)"
        case let .accepted(a): "used: accepted by \(a.name) on \(time(a.time))"
        case let .revoked(at): "revoked on \(time(at)): it shows nothing"
        case .closed(.acceptedByClinic): "used: the quote was accepted by the clinic; the link shows nothing"
        case .closed(.declined): "used: the quote was declined; the link shows nothing"
        case .closed(.expired): "expired: the quote was valid until \(quote.validUntil); the link shows nothing"
        }
    }

    /// Unix seconds as `YYYY-MM-DD HH:MM UTC`.
    static func time(_ seconds: Int64) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!,
                                                                 from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : String($0) } ?? "00" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)) UTC"
    }
}
