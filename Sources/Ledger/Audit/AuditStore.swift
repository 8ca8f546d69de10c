/// A ledger's audit trail: the contract both stores keep (every ``AccountStore`` keeps
/// one). Append-only: there is no method to change or remove an event, and each store
/// refuses an UPDATE or DELETE of its table in the database as well (SQLite with
/// triggers; PostgreSQL with a trigger and revoked privileges, see its schema).
///
/// Every method throws ``LedgerError`` naming the ledger. A ledger of an earlier schema
/// opened to read has no trail: it lists no event.
public protocol AuditStore: AnyObject, Sendable {
    /// Adds `event` (its ``AuditEvent/id`` is ignored); returns the id the store gave it.
    @discardableResult
    func appendAudit(_ event: AuditEvent) async throws -> Int64
    /// Adds `events` in order, in one transaction.
    func appendAudit(_ events: [AuditEvent]) async throws
    /// Up to `limit` events matching `filter`, in id order, after id `after` (the last id
    /// of the previous page; nil for the first page).
    func auditEvents(matching filter: AuditFilter, after: Int64?, limit: Int) async throws -> [AuditEvent]
}
