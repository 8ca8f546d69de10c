/// Who acts, when and from where: what every event an action records shares. The caller
/// makes it (the command line from the operating-system user and its clock, the server
/// from the session, its clock and the request's address).
public struct AuditStamp: Sendable, Equatable {
    public var actor: AuditActor
    /// Unix seconds (UTC).
    public var at: Int64
    public var address: String?

    public init(actor: AuditActor, at: Int64, address: String? = nil) {
        self.actor = actor; self.at = at; self.address = address
    }

    /// The event of `action` by this actor.
    public func event(_ action: AuditAction, quote: QuoteNumber? = nil, location: String? = nil, detail: String = "") -> AuditEvent {
        AuditEvent(at: at, action: action, actor: actor, address: address, quote: quote, location: location, detail: detail)
    }
}
