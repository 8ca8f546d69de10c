import GRDB
import Ledger

/// The audit trail in the ledger's table of schema version 6 (``LedgerSchema/auditSQL``),
/// values bound. Only INSERT and SELECT here; the table's triggers abort any UPDATE or
/// DELETE. A ledger of an earlier version opened to read has no trail: it lists nothing.
extension SQLiteStore: AuditStore {
    static let auditInsert = "INSERT INTO audit_event (at, action, actor_kind, actor_name, address, quote, location, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"

    @discardableResult
    public func appendAudit(_ event: AuditEvent) async throws -> Int64 {
        try await writing { db in
            try Self.insertAudit(AuditRecord(event), db)
            return db.lastInsertedRowID
        }
    }

    public func appendAudit(_ events: [AuditEvent]) async throws {
        guard !events.isEmpty else { return }
        try await writing { db in for event in events { try Self.insertAudit(AuditRecord(event), db) } }
    }

    public func auditEvents(matching filter: AuditFilter, after: Int64?, limit: Int) async throws -> [AuditEvent] {
        let name = self.name
        let (sql, arguments) = Self.auditQuery(filter, after: after, limit: limit)
        let records = try await reading { db -> [AuditRecord] in
            guard try db.tableExists("audit_event") else { return [] }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                AuditRecord(id: row[0], at: row[1], action: row[2], actorKind: row[3], actorName: row[4], address: row[5],
                            quote: row[6], location: row[7], detail: row[8])
            }
        }
        return try records.map { try $0.event(ledger: name) }
    }

    static func insertAudit(_ r: AuditRecord, _ db: Database) throws {
        try db.cachedStatement(sql: auditInsert).execute(arguments: [r.at, r.action, r.actorKind, r.actorName, r.address, r.quote, r.location, r.detail])
    }

    /// The SELECT of `filter`'s events after `after`, every value a bound argument.
    static func auditQuery(_ filter: AuditFilter, after: Int64?, limit: Int) -> (String, StatementArguments) {
        var conditions: [String] = [], arguments: [(any DatabaseValueConvertible)?] = []
        if let after { conditions.append("id > ?"); arguments.append(after) }
        if let since = filter.since { conditions.append("at >= ?"); arguments.append(since) }
        if let user = filter.user { conditions.append("actor_kind <> 'client-link' AND actor_name = ?"); arguments.append(user) }
        if let quote = filter.quote { conditions.append("quote = ?"); arguments.append(quote.rowID) }
        if let scope = filter.scope {
            let locations = scope.locations.map { _ in "?" }.joined(separator: ", ")
            let users = scope.users.map { _ in "?" }.joined(separator: ", ")
            conditions.append("(location IN (\(locations)) OR (actor_kind = 'user' AND actor_name IN (\(users))))")
            arguments += scope.locations.map { $0 } as [(any DatabaseValueConvertible)?]
            arguments += scope.users.map { $0 } as [(any DatabaseValueConvertible)?]
        }
        arguments.append(max(0, limit))
        let columns = AuditRecord.columns.joined(separator: ", ")
        let clause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return ("SELECT \(columns) FROM audit_event\(clause) ORDER BY id LIMIT ?", StatementArguments(arguments))
    }
}
