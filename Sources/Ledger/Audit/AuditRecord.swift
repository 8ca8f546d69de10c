/// An audit event as both stores keep it, one column a field (table `audit_event`): the
/// only mapping between ``AuditEvent`` and columns.
public struct AuditRecord: Sendable, Equatable {
    public var id: Int64
    public var at: Int64
    /// ``AuditAction`` raw value.
    public var action: String
    /// ``AuditActor/kind``.
    public var actorKind: String
    /// ``AuditActor/name``.
    public var actorName: String
    public var address: String?
    /// ``QuoteNumber/rowID``.
    public var quote: Int64?
    public var location: String?
    public var detail: String

    /// The columns, in the order of the fields above.
    public static let columns = ["id", "at", "action", "actor_kind", "actor_name", "address", "quote", "location", "detail"]

    public init(id: Int64, at: Int64, action: String, actorKind: String, actorName: String, address: String?,
                quote: Int64?, location: String?, detail: String) {
        self.id = id; self.at = at; self.action = action; self.actorKind = actorKind; self.actorName = actorName
        self.address = address; self.quote = quote; self.location = location; self.detail = detail
    }

    public init(_ event: AuditEvent) {
        self.init(id: event.id, at: event.at, action: event.action.rawValue, actorKind: event.actor.kind,
                  actorName: event.actor.name, address: event.address, quote: event.quote?.rowID,
                  location: event.location, detail: event.detail)
    }

    /// The event, checked.
    ///
    /// - Throws: ``LedgerError/damaged(ledger:reason:)`` naming the event and the value
    ///   for an action, actor kind or quote number this spaquote does not know.
    public func event(ledger: String) throws(LedgerError) -> AuditEvent {
        guard let action = AuditAction(rawValue: action) else {
            throw .damaged(ledger: ledger, reason: "audit event \(id) has the action '\(Self.shown(action))', which spaquote does not know")
        }
        let actor: AuditActor
        switch actorKind {
        case "user": actor = .user(actorName)
        case "client-link": actor = .clientLink
        case "command-line": actor = .commandLine(actorName)
        default:
            throw .damaged(ledger: ledger, reason: "audit event \(id) has the actor kind '\(Self.shown(actorKind))', which spaquote does not know")
        }
        var number: QuoteNumber?
        if let quote {
            let year = quote / Int64(QuoteNumber.perYear), seq = quote % Int64(QuoteNumber.perYear)
            guard quote > 0, let y = Int(exactly: year), let s = Int(exactly: seq), s > 0 else {
                throw .damaged(ledger: ledger, reason: "audit event \(id) names the quote row \(quote), which is no quote number")
            }
            number = QuoteNumber(year: y, seq: s)
        }
        return AuditEvent(id: id, at: at, action: action, actor: actor, address: address, quote: number,
                          location: location, detail: detail)
    }

    /// `text` escaped and cut as messages show stored values.
    static func shown(_ text: String) -> String {
        var text = text
        return text.withUTF8 { ShownValue.escaped($0) }
    }
}
