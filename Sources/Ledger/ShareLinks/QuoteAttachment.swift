/// What a save stores beside a quote, in the save's own transaction (``SaveSession/attach(_:)``):
/// its client link and the client's contact. A web save's quote and its link are thus
/// committed together or not at all: no quote is left without the link its caller was shown.
public struct QuoteAttachment: Sendable, Equatable {
    /// The saved quote the rows belong to (saved in the same session).
    public var quote: QuoteNumber
    /// The link's token hash (``ShareLink/tokenHash``), nil for no link.
    public var linkTokenHash: String?
    /// When the link was made, in Unix seconds.
    public var linkCreated: Int64
    /// The client's contact (checked by ``ClientContact/parse(_:)``), nil for none.
    public var contact: String?

    public init(quote: QuoteNumber, linkTokenHash: String?, linkCreated: Int64, contact: String?) {
        self.quote = quote
        self.linkTokenHash = linkTokenHash
        self.linkCreated = linkCreated
        self.contact = contact
    }
}
