import PostgresNIO

extension PostgresConnection {
    /// Runs `query` and reads its whole result: a failure the server reports after the
    /// first row (or, for a SELECT, after it has described its columns: a lock wait that
    /// times out) is thrown here, never left unread.
    func execute(_ query: PostgresQuery) async throws {
        try HeldConnection.ensureOpen(self)
        for try await _ in try await self.query(query, logger: PostgresStore.logger) {}
    }
}
