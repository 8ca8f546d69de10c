/// What a save stores beside a quote, in the save's own transaction (``SaveSession/attach(_:)``):
/// its client link, the client's contact and the audit events of the save; and what
/// `ledger copy` carries over beside each quote (``ShareLinkStore/attachments(after:limit:)``:
/// the link with its revocation and acceptance, and the contact). A web save's
/// quote, its link and its events are thus committed together or not at all: no quote is
/// left without the link its caller was shown, nor in the ledger without its "saved" event.
public struct QuoteAttachment: Sendable, Equatable {
    /// The saved quote the rows belong to (saved in the same session).
    public var quote: QuoteNumber
    /// The link's token hash (``ShareLink/tokenHash``), nil for no link.
    public var linkTokenHash: String?
    /// When the link was made, in Unix seconds.
    public var linkCreated: Int64
    /// When the link was revoked (Unix seconds), nil while it works: a new save's link is
    /// never revoked; `ledger copy` carries a revocation over.
    public var linkRevoked: Int64?
    /// The client's acceptance through the link: a new save's link has none; `ledger copy`
    /// carries it over. Stored only with a link that is new to the ledger (a link made
    /// again for a quote keeps the acceptance recorded, as ``ShareLinkStore/setShareLink(quote:tokenHash:created:)`` does).
    public var linkAcceptance: LinkAcceptance?
    /// The client's contact (checked by ``ClientContact/parse(_:)``), nil for none.
    public var contact: String?
    /// Audit events about the save (``AuditEvent/quote`` is this quote), appended in the
    /// order given.
    public var events: [AuditEvent]

    public init(quote: QuoteNumber, linkTokenHash: String?, linkCreated: Int64, linkRevoked: Int64? = nil,
                linkAcceptance: LinkAcceptance? = nil, contact: String?, events: [AuditEvent] = []) {
        self.quote = quote
        self.linkTokenHash = linkTokenHash
        self.linkCreated = linkCreated
        self.linkRevoked = linkRevoked
        self.linkAcceptance = linkAcceptance
        self.contact = contact
        self.events = events
    }
}
