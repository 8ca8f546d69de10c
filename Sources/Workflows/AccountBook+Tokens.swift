import Ledger

extension AccountBook {
    /// A new API token for the account `name`, made at `time` (Unix seconds): 256 random
    /// bits (``Secret/token(bytes:)``) returned this once; the ledger keeps only its
    /// SHA-256 (``Secret/hash(_:)``).
    ///
    /// - Throws: ``LedgerError/noAccount(ledger:name:)``, ``AccountError/disabled(name:)``.
    public func newToken(for name: String, at time: Int64) async throws -> String {
        let account = try await existingAccount(name)
        if account.disabled { throw AccountError.disabled(name: name) }
        let token = Secret.token()
        try await store.addToken(hash: Secret.hash(token), user: name, created: time)
        await recordChange(.userChanged, "\(name): API token issued")
        return token
    }

    /// The account holding the API token `token`, or nil (an unknown token, or a disabled
    /// account's).
    public func account(forToken token: String) async throws -> Account? {
        guard let account = try await store.account(forToken: Secret.hash(token)), !account.disabled else { return nil }
        return account
    }

    /// Revokes every API token of the account `name` (a lost or leaked one among them);
    /// returns how many were removed. Its sessions are not touched.
    ///
    /// - Throws: ``LedgerError/noAccount(ledger:name:)``.
    public func revokeTokens(of name: String) async throws -> Int {
        _ = try await existingAccount(name)
        let count = try await store.removeTokens(of: name)
        await recordChange(.userChanged, "\(name): \(count) API token\(count == 1 ? "" : "s") revoked")
        return count
    }
}
