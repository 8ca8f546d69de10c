import GRDB
import Ledger

/// Web sessions in the ledger's `web_session` table (schema version 4), values bound.
extension SQLiteStore {
    public func addSession(_ session: WebSession) async throws {
        let name = self.name
        try await writing { db in
            try Self.requireAccount(session.user, db, ledger: name)
            try db.execute(sql: "INSERT INTO web_session (id_hash, user_name, csrf_token, created, last_seen) VALUES (?, ?, ?, ?, ?)",
                           arguments: [session.idHash, session.user, session.csrfToken, session.created, session.lastSeen])
        }
    }

    public func session(idHash: String) async throws -> WebSession? {
        try await cached(sessions, idHash) {
            try await readingAccounts(default: nil) { db in
                let sql = "SELECT id_hash, user_name, csrf_token, created, last_seen FROM web_session WHERE id_hash = ?"
                return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [idHash]).map { row in
                    WebSession(idHash: try row.decode(String.self, atIndex: 0), user: try row.decode(String.self, atIndex: 1),
                               csrfToken: try row.decode(String.self, atIndex: 2), created: try row.decode(Int64.self, atIndex: 3),
                               lastSeen: try row.decode(Int64.self, atIndex: 4))
                }
            }
        }
    }

    public func touchSession(idHash: String, at time: Int64) async throws {
        try await writing { db in
            try db.execute(sql: "UPDATE web_session SET last_seen = ? WHERE id_hash = ?", arguments: [time, idHash])
        }
    }

    public func endSession(idHash: String) async throws {
        try await writing { db in try db.execute(sql: "DELETE FROM web_session WHERE id_hash = ?", arguments: [idHash]) }
    }

    public func endSessions(of user: String) async throws {
        try await writing { db in try db.execute(sql: "DELETE FROM web_session WHERE user_name = ?", arguments: [user]) }
    }

    public func endSessions(lastSeenBefore time: Int64) async throws {
        try await writing { db in try db.execute(sql: "DELETE FROM web_session WHERE last_seen < ?", arguments: [time]) }
    }
}
