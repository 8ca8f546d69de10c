import Ledger
import Pricing
import Reports

/// The content fingerprint of a quote, recorded with a client's acceptance through a link:
/// the SHA-256 (64 lowercase hex digits, ``Secret/hash(_:)``) of the quote's JSON exactly as
/// ``QuoteJSON/render(_:)`` prints it (`spaquote quote --format json`, the API), taken of
/// the quote as offered: its status `quoted` and no `accepted_on`. Every figure, date, id,
/// name and the rate card's version is in that JSON, so the fingerprint names the offer
/// the client saw; the status is left out so it can be recomputed from the ledger at any
/// time (and gives the same value after the acceptance). SHA-256 rather than the project's
/// FNV-1a StableHash: a fingerprint that stands as evidence must resist a forged match.
public enum QuoteFingerprint {
    public static func of(_ quote: Quote) -> String {
        var offered = quote
        offered.request.status = .quoted
        offered.request.acceptedOn = nil
        return Secret.hash(QuoteJSON.render(offered))
    }
}

/// Client links, for every interface: made with 256 random bits (``Secret/token(bytes:)``:
/// 43 URL-safe base64 characters), kept in the ledger as their SHA-256 only, found by the
/// token's hash, and accepted under the rules of ``ShareLink``.
public enum ClientLink {
    /// Random bytes of a link's token.
    public static let tokenBytes = 32

    /// A new link for quote `number`, made at `time` (Unix seconds), replacing the one it
    /// had. Returns the token: the only time it is known (the ledger keeps its hash).
    ///
    /// - Throws: ``LedgerError/notFound(ledger:quoteID:)`` for an unsaved quote.
    public static func create(for number: QuoteNumber, in store: any ShareLinkStore, at time: Int64) async throws -> String {
        let (token, hash) = newToken()
        try await store.setShareLink(quote: number, tokenHash: hash, created: time)
        return token
    }

    /// A new token and the hash the ledger keeps of it, for a link stored with its quote's
    /// save (``QuoteAttachment``).
    public static func newToken() -> (token: String, hash: String) {
        let token = Secret.token(bytes: tokenBytes)
        return (token, Secret.hash(token))
    }

    /// Whether `token` could be a link's token (URL-safe base64, 22 to 128 characters):
    /// anything else is unknown without asking the ledger.
    public static func isWellFormed(_ token: String) -> Bool {
        (22...128).contains(token.utf8.count) && token.utf8.allSatisfy { b in
            (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == 0x2D || b == 0x5F
        }
    }

    /// The link of `token` with its quote and state on `today`, or nil for an unknown token.
    public static func find(_ token: String, ledger: any LedgerStore, links: any ShareLinkStore,
                            today: LocalDate) async throws -> (link: ShareLink, entry: LedgerEntry, state: ShareLinkState)? {
        guard isWellFormed(token), let link = try await links.shareLink(tokenHash: Secret.hash(token)) else { return nil }
        let entry = try await ledger.entry(link.quote)
        return (link, entry, link.state(of: entry.quote, today: today))
    }

    /// Accepts the quote of `token` as the client `typedName` (checked by
    /// ``LinkAcceptance/name(_:)``), on `today` at `time`, recording the quote's
    /// ``QuoteFingerprint``. Returns the quote as it now is (accepted on `today`).
    ///
    /// - Throws: ``PricingError/invalidRequest(field:value:reason:)`` for the name;
    ///   ``LedgerError/linkUnavailable(ledger:)``; ``LedgerError/statusChange(quoteID:refusal:)``.
    public static func accept(_ token: String, typedName: String, ledger: any LedgerStore, links: any ShareLinkStore,
                              today: LocalDate, at time: Int64) async throws -> LedgerEntry {
        let name = try LinkAcceptance.name(typedName)
        guard let (link, entry, _) = try await find(token, ledger: ledger, links: links, today: today) else {
            throw LedgerError.linkUnavailable(ledger: ledger.name)
        }
        let acceptance = LinkAcceptance(time: time, name: name, fingerprint: QuoteFingerprint.of(entry.quote))
        return try await links.acceptThroughLink(tokenHash: link.tokenHash, today: today, acceptance: acceptance)
    }
}
