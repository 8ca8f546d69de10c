import Ledger
import PostgresNIO

/// Web sessions in the ledger's `web_session` table, values bound.
extension PostgresStore {
    public func addSession(_ session: WebSession) async throws {
        let added = try await rowCount("""
            INSERT INTO web_session (id_hash, user_name, csrf_token, created, last_seen)
            SELECT \(session.idHash), name, \(session.csrfToken), \(session.created), \(session.lastSeen)
            FROM account WHERE name = \(session.user) RETURNING id_hash
            """)
        if added == 0 { throw LedgerError.noAccount(ledger: name, name: session.user) }
    }

    public func session(idHash: String) async throws -> WebSession? {
        try await cached(sessions, idHash) {
            try await withConnection { c in
                let rows = try await c.query("""
                    SELECT id_hash, user_name, csrf_token, created, last_seen FROM web_session WHERE id_hash = \(idHash)
                    """, logger: Self.logger)
                var found: WebSession?
                for try await (id, user, csrf, created, lastSeen) in rows.decode((String, String, String, Int64, Int64).self) {
                    found = WebSession(idHash: id, user: user, csrfToken: csrf, created: created, lastSeen: lastSeen)
                }
                return found
            }
        }
    }

    public func touchSession(idHash: String, at time: Int64) async throws {
        _ = try await rowCount("UPDATE web_session SET last_seen = \(time) WHERE id_hash = \(idHash)")
    }

    public func endSession(idHash: String) async throws {
        _ = try await rowCount("DELETE FROM web_session WHERE id_hash = \(idHash)")
    }

    public func endSessions(of user: String) async throws {
        _ = try await rowCount("DELETE FROM web_session WHERE user_name = \(user)")
    }

    public func endSessions(lastSeenBefore time: Int64) async throws {
        _ = try await rowCount("DELETE FROM web_session WHERE last_seen < \(time)")
    }
}
