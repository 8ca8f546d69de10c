import Ledger
import PostgresNIO

/// Accounts, API tokens and web sessions in the ledger's tables of schema version 2
/// (``PostgresSchema/migrations``). Every value is a bound parameter (postgres-nio's
/// interpolation binds), never written into the SQL; each change is one statement.
extension PostgresStore: AccountStore {
    public func addAccount(_ account: Account) async throws {
        let locations = try StoredAccount.locationsText(account.locations, ledger: name)
        let added = try await rowCount("""
            INSERT INTO account (name, role, locations, password_hash, disabled)
            VALUES (\(account.name), \(account.role.rawValue), \(locations), \(account.passwordHash), \(account.disabled))
            ON CONFLICT (name) DO NOTHING RETURNING name
            """)
        if added == 0 { throw LedgerError.accountExists(ledger: name, name: account.name) }
    }

    public func account(named accountName: String) async throws -> Account? {
        try await cached(namedAccounts, accountName) {
            try await accounts("SELECT name, role, locations, password_hash, disabled FROM account WHERE name = \(accountName)").first
        }
    }

    public func accounts() async throws -> [Account] {
        try await accounts("SELECT name, role, locations, password_hash, disabled FROM account ORDER BY name")
    }

    public func updateAccount(_ account: Account) async throws {
        let locations = try StoredAccount.locationsText(account.locations, ledger: name)
        let updated = try await rowCount("""
            UPDATE account SET role = \(account.role.rawValue), locations = \(locations),
                password_hash = \(account.passwordHash), disabled = \(account.disabled)
            WHERE name = \(account.name) RETURNING name
            """)
        if updated == 0 { throw LedgerError.noAccount(ledger: name, name: account.name) }
    }

    public func addToken(hash: String, user: String, created: Int64) async throws {
        let added = try await rowCount("""
            INSERT INTO api_token (hash, user_name, created)
            SELECT \(hash), name, \(created) FROM account WHERE name = \(user) RETURNING hash
            """)
        if added == 0 { throw LedgerError.noAccount(ledger: name, name: user) }
    }

    public func account(forToken hash: String) async throws -> Account? {
        try await cached(tokenAccounts, hash) {
            try await accounts("""
                SELECT account.name, role, locations, password_hash, disabled
                FROM api_token JOIN account ON account.name = api_token.user_name WHERE api_token.hash = \(hash)
                """).first
        }
    }

    public func removeTokens(of user: String) async throws -> Int {
        try await rowCount("DELETE FROM api_token WHERE user_name = \(user) RETURNING hash")
    }

    /// The accounts `query` selects (name, role, locations, password hash, disabled), each checked.
    func accounts(_ query: PostgresQuery) async throws -> [Account] {
        let rows = try await withConnection { c in
            var rows: [(String, String, String, String, Bool)] = []
            for try await row in try await c.query(query, logger: Self.logger).decode((String, String, String, String, Bool).self) {
                rows.append(row)
            }
            return rows
        }
        return try rows.map { row throws(LedgerError) in
            try StoredAccount.account(name: row.0, role: row.1, locations: row.2, passwordHash: row.3, disabled: row.4, ledger: name)
        }
    }

    /// How many rows `query` returns (a change's `RETURNING`). The lookups this store keeps
    /// are dropped after it (``AccountChanges/changed()``): a change to an account, token or
    /// session holds for this server's next request, before its notification arrives.
    func rowCount(_ query: PostgresQuery) async throws -> Int {
        defer { accountChanges.changed() }
        return try await withConnection { c in
            try HeldConnection.ensureOpen(c)
            var count = 0
            for try await _ in try await c.query(query, logger: Self.logger) { count += 1 }
            return count
        }
    }
}
