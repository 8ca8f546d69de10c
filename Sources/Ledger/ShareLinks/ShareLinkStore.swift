import Pricing

/// Client links and client contacts in a ledger: the contract both stores keep, beside
/// ``LedgerStore`` and ``AccountStore`` (every store of either kind keeps all three). A
/// store only runs its SQL; the rules are ``ShareLink/state(of:today:)`` and
/// ``ShareLink/accepting(_:today:ledger:)``. Every method throws ``LedgerError`` naming
/// the ledger; a quote number that is not saved is ``LedgerError/notFound(ledger:quoteID:)``.
///
/// A ledger of an earlier schema opened to read has no such tables: it answers that it
/// holds no link and no contact.
public protocol ShareLinkStore: AnyObject, Sendable {
    /// Gives quote `quote` the link whose token hashes to `tokenHash`, made at `created`
    /// (Unix seconds), replacing its link if it had one (that token stops working; a
    /// revocation is cleared; a recorded acceptance is kept).
    func setShareLink(quote: QuoteNumber, tokenHash: String, created: Int64) async throws
    /// The link of quote `quote`, nil when it has none.
    func shareLink(quote: QuoteNumber) async throws -> ShareLink?
    /// The link whose token hashes to `tokenHash`, nil when there is none.
    func shareLink(tokenHash: String) async throws -> ShareLink?
    /// Revokes quote `quote`'s link at `time` (Unix seconds; a link revoked already keeps
    /// its first time). False when the quote has no link.
    func revokeShareLink(quote: QuoteNumber, at time: Int64) async throws -> Bool
    /// Accepts through the link of `tokenHash` in one transaction: the link and the quote
    /// are read, ``ShareLink/accepting(_:today:ledger:)`` decides, and the quote's status
    /// (accepted on `today`) and `acceptance` are written. Returns the quote as it now is.
    ///
    /// - Throws: ``LedgerError/linkUnavailable(ledger:)`` for an unknown token, and the
    ///   refusals of the rule.
    func acceptThroughLink(tokenHash: String, today: LocalDate, acceptance: LinkAcceptance) async throws -> LedgerEntry

    /// Records the client's contact for quote `quote` (nil removes it). Throws
    /// ``LedgerError/notFound(ledger:quoteID:)`` for an unsaved quote.
    func setClientContact(_ contact: String?, quote: QuoteNumber) async throws
    /// The client's contact of quote `quote`, nil when none was given.
    func clientContact(quote: QuoteNumber) async throws -> String?

    /// The links (with their revocation and acceptance) and contacts of up to `limit`
    /// quotes after quote `after` (nil: from the first) that have either, in quote order,
    /// as attachments without events: what `ledger copy` carries over (``LedgerCopy``).
    func attachments(after: QuoteNumber?, limit: Int) async throws -> [QuoteAttachment]
}
