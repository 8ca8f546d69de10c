/// Accounts, API tokens and web sessions in a ledger: the contract both stores keep
/// (``LedgerStore`` stores quotes; a store of either kind keeps both). A store only runs
/// its SQL; the rules (who may do what: ``Account/may(_:)``; hashing, expiry) live
/// outside it. Every method throws ``LedgerError`` naming the ledger.
///
/// Secrets are stored hashed: a password as bcrypt, a token, session id or client link's
/// token as SHA-256. An account store keeps client links too (``ShareLinkStore``).
public protocol AccountStore: ShareLinkStore, AuditStore {
    /// Adds `account`; throws ``LedgerError/accountExists(ledger:name:)`` when its name is taken.
    func addAccount(_ account: Account) async throws
    /// The account named `name` (exactly), or nil.
    func account(named name: String) async throws -> Account?
    /// Every account, in name order.
    func accounts() async throws -> [Account]
    /// Stores `account` over the one of the same name (role, locations, password hash,
    /// disabled); throws ``LedgerError/noAccount(ledger:name:)`` when there is none.
    func updateAccount(_ account: Account) async throws

    /// Stores an API token (its SHA-256 hex `hash`) for the account `user`, made at
    /// `created` (Unix seconds). Throws ``LedgerError/noAccount(ledger:name:)``.
    func addToken(hash: String, user: String, created: Int64) async throws
    /// The account holding the token whose SHA-256 hex is `hash`, or nil.
    func account(forToken hash: String) async throws -> Account?
    /// Removes every API token of the account `user`; returns how many there were (0 for
    /// an unknown name too).
    func removeTokens(of user: String) async throws -> Int

    /// Stores a new session.
    func addSession(_ session: WebSession) async throws
    /// The session whose id hashes to `idHash`, or nil.
    func session(idHash: String) async throws -> WebSession?
    /// Records that the session was used at `time` (Unix seconds).
    func touchSession(idHash: String, at time: Int64) async throws
    /// Ends one session (sign-out); nothing when there is none.
    func endSession(idHash: String) async throws
    /// Ends every session of `user` (disabled, password changed).
    func endSessions(of user: String) async throws
    /// Ends every session last used before `time` (Unix seconds): expired ones.
    func endSessions(lastSeenBefore time: Int64) async throws
    /// Keeps the per-request lookups where that needs a listener (``PostgresStore``: a
    /// connection listening for changes); a server calls it once, after opening the store.
    func keepLookups()
}

extension AccountStore {
    /// Asks the store to keep the lookups made at every request (a token's account, a
    /// session, an account by name) where keeping them needs something running beside the
    /// store: called by a server, not by one-shot commands. By default nothing to do.
    public func keepLookups() {}
}
