import Ledger
import PostgresNIO

/// The audit trail in the ledger's table of migration 5 (``PostgresSchema/auditMigration``),
/// every value a bound parameter. Only INSERT and SELECT here; the table's trigger and
/// revoked privileges refuse any UPDATE, DELETE or TRUNCATE.
extension PostgresStore: AuditStore {
    @discardableResult
    public func appendAudit(_ event: AuditEvent) async throws -> Int64 {
        try await withConnection { c in
            try HeldConnection.ensureOpen(c)
            var id: Int64 = 0
            for try await value in try await c.query(Self.insertQuery(AuditRecord(event)), logger: Self.logger).decode(Int64.self) {
                id = value
            }
            return id
        }
    }

    public func appendAudit(_ events: [AuditEvent]) async throws {
        guard !events.isEmpty else { return }
        try await withConnection { c in
            try await Self.transaction(on: c) {
                for event in events { try await c.execute(Self.insertQuery(AuditRecord(event))) }
            }
        }
    }

    public func auditEvents(matching filter: AuditFilter, after: Int64?, limit: Int) async throws -> [AuditEvent] {
        let records = try await withConnection { c in
            var records: [AuditRecord] = []
            let rows = try await c.query(Self.auditQuery(filter, after: after, limit: limit), logger: Self.logger)
            for try await (id, at, action, kind, actor, address, quote, location, detail)
                in rows.decode((Int64, Int64, String, String, String, String?, Int64?, String?, String).self) {
                records.append(AuditRecord(id: id, at: at, action: action, actorKind: kind, actorName: actor, address: address,
                                           quote: quote, location: location, detail: detail))
            }
            return records
        }
        return try records.map { try $0.event(ledger: name) }
    }

    static func insertQuery(_ r: AuditRecord) -> PostgresQuery {
        """
        INSERT INTO audit_event (at, action, actor_kind, actor_name, address, quote, location, detail)
        VALUES (\(r.at), \(r.action), \(r.actorKind), \(r.actorName), \(r.address), \(r.quote), \(r.location), \(r.detail))
        RETURNING id
        """
    }

    /// The SELECT of `filter`'s events after `after`, every value a bound parameter.
    static func auditQuery(_ filter: AuditFilter, after: Int64?, limit: Int) -> PostgresQuery {
        var binds = PostgresBindings(), conditions: [String] = []
        func bind(_ value: some PostgresNonThrowingEncodable & Sendable) -> String { binds.append(value); return "$\(binds.count)" }
        if let after { conditions.append("id > \(bind(after))") }
        if let since = filter.since { conditions.append("at >= \(bind(since))") }
        if let user = filter.user { conditions.append("actor_kind <> 'client-link' AND actor_name = \(bind(user))") }
        if let quote = filter.quote { conditions.append("quote = \(bind(quote.rowID))") }
        if let scope = filter.scope {
            conditions.append("(location = ANY(\(bind(scope.locations))) OR (actor_kind = 'user' AND actor_name = ANY(\(bind(scope.users)))))")
        }
        let clause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT \(AuditRecord.columns.joined(separator: ", ")) FROM audit_event\(clause) ORDER BY id LIMIT \(bind(Int64(max(0, limit))))"
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}
