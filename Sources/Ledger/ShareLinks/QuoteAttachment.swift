/// What a save stores beside a quote, in the save's own transaction (``SaveSession/attach(_:)``):
/// its client link, the client's contact and the audit events of the save. A web save's
/// quote, its link and its events are thus committed together or not at all: no quote is
/// left without the link its caller was shown, nor in the ledger without its "saved" event.
public struct QuoteAttachment: Sendable, Equatable {
    /// The saved quote the rows belong to (saved in the same session).
    public var quote: QuoteNumber
    /// The link's token hash (``ShareLink/tokenHash``), nil for no link.
    public var linkTokenHash: String?
    /// When the link was made, in Unix seconds.
    public var linkCreated: Int64
    /// The client's contact (checked by ``ClientContact/parse(_:)``), nil for none.
    public var contact: String?
    /// Audit events about the save (``AuditEvent/quote`` is this quote), appended in the
    /// order given.
    public var events: [AuditEvent]

    public init(quote: QuoteNumber, linkTokenHash: String?, linkCreated: Int64, contact: String?, events: [AuditEvent] = []) {
        self.quote = quote
        self.linkTokenHash = linkTokenHash
        self.linkCreated = linkCreated
        self.contact = contact
        self.events = events
    }
}
