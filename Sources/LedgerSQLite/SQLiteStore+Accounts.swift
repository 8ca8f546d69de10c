import GRDB
import Ledger

/// Accounts, API tokens and web sessions in the ledger's tables of schema version 4
/// (``LedgerSchema/accountsSQL``). Every value is bound, never written into the SQL.
///
/// A ledger of an earlier version opened to read (which is never migrated) has no such
/// tables: it answers that it holds no account, token or session; changes to it are
/// refused as to any ledger opened to read.
extension SQLiteStore: AccountStore {
    static let accountSelect = "SELECT name, role, locations, password_hash, disabled FROM account"

    public func addAccount(_ account: Account) async throws {
        let name = self.name
        let locations = try StoredAccount.locationsText(account.locations, ledger: name)
        try await writing { db in
            try db.execute(sql: """
                INSERT INTO account (name, role, locations, password_hash, disabled) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (name) DO NOTHING
                """, arguments: [account.name, account.role.rawValue, locations, account.passwordHash, account.disabled])
            if db.changesCount == 0 { throw LedgerError.accountExists(ledger: name, name: account.name) }
        }
    }

    public func account(named accountName: String) async throws -> Account? {
        let name = self.name
        return try await cached(namedAccounts, accountName) {
            try await readingAccounts(default: nil) { db in
                try Self.accounts(db, ledger: name, sql: "\(Self.accountSelect) WHERE name = ?", arguments: [accountName]).first
            }
        }
    }

    public func accounts() async throws -> [Account] {
        let name = self.name
        return try await readingAccounts(default: []) { db in
            try Self.accounts(db, ledger: name, sql: "\(Self.accountSelect) ORDER BY name", arguments: [])
        }
    }

    public func updateAccount(_ account: Account) async throws {
        let name = self.name
        let locations = try StoredAccount.locationsText(account.locations, ledger: name)
        try await writing { db in
            try db.execute(sql: "UPDATE account SET role = ?, locations = ?, password_hash = ?, disabled = ? WHERE name = ?",
                           arguments: [account.role.rawValue, locations, account.passwordHash, account.disabled, account.name])
            if db.changesCount == 0 { throw LedgerError.noAccount(ledger: name, name: account.name) }
        }
    }

    public func addToken(hash: String, user: String, created: Int64) async throws {
        let name = self.name
        try await writing { db in
            try Self.requireAccount(user, db, ledger: name)
            try db.execute(sql: "INSERT INTO api_token (hash, user_name, created) VALUES (?, ?, ?)", arguments: [hash, user, created])
        }
    }

    public func account(forToken hash: String) async throws -> Account? {
        let name = self.name
        return try await cached(tokenAccounts, hash) {
            try await readingAccounts(default: nil) { db in
                let sql = "SELECT account.name, role, locations, password_hash, disabled FROM api_token JOIN account ON account.name = api_token.user_name WHERE api_token.hash = ?"
                return try Self.accounts(db, ledger: name, sql: sql, arguments: [hash]).first
            }
        }
    }

    public func removeTokens(of user: String) async throws -> Int {
        try await writing { db in
            try db.execute(sql: "DELETE FROM api_token WHERE user_name = ?", arguments: [user])
            return db.changesCount
        }
    }

    /// The accounts `sql` (the columns of ``accountSelect``) selects, each checked. The
    /// statement is prepared once per connection and kept (GRDB's statement cache): the
    /// token and session lookups run at every request.
    static func accounts(_ db: Database, ledger: String, sql: String, arguments: StatementArguments) throws -> [Account] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
            try StoredAccount.account(name: row.decode(String.self, atIndex: 0), role: row.decode(String.self, atIndex: 1),
                                      locations: row.decode(String.self, atIndex: 2), passwordHash: row.decode(String.self, atIndex: 3),
                                      disabled: row.decode(Int64.self, atIndex: 4) != 0, ledger: ledger)
        }
    }

    /// Throws ``LedgerError/noAccount(ledger:name:)`` unless an account is named `user`.
    static func requireAccount(_ user: String, _ db: Database, ledger: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE name = ?)", arguments: [user]) == true else {
            throw LedgerError.noAccount(ledger: ledger, name: user)
        }
    }

    /// Runs the write `body` in one transaction under the store's write lock; refused when
    /// the ledger was opened to read; returns what `body` returns. Failures become ledger errors.
    @discardableResult
    func writing<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard access == .write else { throw SQLiteFailure.readOnly(name) }
        let queue = self.queue
        do {
            return try await exclusively { try await queue.write(body) }
        } catch {
            throw SQLiteFailure.ledgerError(error, ledger: name)
        }
    }

    /// Runs the read `body` (one statement, ``readingStatement(_:)``), or answers `empty` for a ledger of an earlier version read as
    /// it is (no account tables).
    func readingAccounts<T: Sendable>(default empty: T, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await readingStatement { db in try db.tableExists("account") ? body(db) : empty }
    }
}
