import HummingbirdBcrypt
import Ledger

/// The front desk's accounts, the one place the command line and the web go through for
/// them: the rules of a name and a password, bcrypt, API tokens stored as their SHA-256
/// only, and the sessions an account loses when its password changes or it is disabled.
///
/// bcrypt runs through the book's ``BcryptGate``: on a thread of its own (never Swift's
/// cooperative pool, which it would hold for its whole, deliberately slow, computation),
/// at most two at once, a bounded number waiting.
public struct AccountBook: Sendable {
    public let store: any AccountStore
    /// bcrypt's cost (log2 of its rounds), 4 to 31.
    public let bcryptCost: UInt8
    /// Where every bcrypt computation of this book waits its turn (one per server).
    public let gate: BcryptGate
    /// Records each change of an account (added, disabled, password, API tokens) in the
    /// audit trail; nil records nothing (the server records its own events).
    public var audit: AuditRecording?

    /// The shortest password, in characters.
    public static let minPasswordLength = 10
    /// The longest password, in UTF-8 bytes: what bcrypt reads (it ignores the rest).
    public static let maxPasswordBytes = 72

    /// A book over `store`, hashing new passwords with bcrypt at `bcryptCost` (held to
    /// 4...31, bcrypt's range; 12 by default, 4 only for tests), through `gate`.
    public init(store: any AccountStore, bcryptCost: UInt8 = 12, gate: BcryptGate = BcryptGate(), audit: AuditRecording? = nil) {
        self.store = store
        self.audit = audit
        self.bcryptCost = min(max(bcryptCost, 4), 31)
        self.gate = gate
    }

    /// Adds an account named `name` with `role`, working at `locations` (ids as given,
    /// checked against no rate card; empty for every location), signing in with `password`.
    ///
    /// - Throws: ``AccountError`` for a bad name, password or location id;
    ///   ``LedgerError/accountExists(ledger:name:)`` when the name is taken.
    @discardableResult
    public func add(name: String, role: Role, locations: [String] = [], password: String) async throws -> Account {
        if let problem = Account.problem(withName: name) { throw AccountError.name(value: name, reason: problem) }
        try Self.checkLocations(locations)
        if let problem = Self.passwordProblem(password) { throw AccountError.password(reason: problem) }
        let account = Account(name: name, role: role, locations: locations, passwordHash: try await hash(password))
        try await store.addAccount(account)
        let at = locations.isEmpty ? "every location" : locations.joined(separator: ",")
        await recordChange(.userAdded, "\(name): \(role.rawValue) at \(at)")
        return account
    }

    /// The account `name` signs in as with `password`; nil for an unknown name, a disabled
    /// account or a wrong password (one answer for the three). An unknown name still costs
    /// one bcrypt verification, against a fixed hash, so the time taken does not tell
    /// names apart.
    ///
    /// - Throws: ``BcryptBusy`` when too many computations already wait (``BcryptGate``).
    public func verify(name: String, password: String) async throws -> Account? {
        let account = try await store.account(named: name)
        let usable = Self.passwordProblem(password) == nil
        let matches = try await gate.run { [dummy = dummyHash] in
            Bcrypt.verify(password, hash: account?.passwordHash ?? dummy)
        }
        guard let account, usable, matches, !account.disabled else { return nil }
        return account
    }

    /// Gives the account `name` the password `password`, and ends its sessions.
    ///
    /// - Throws: ``AccountError/password(reason:)``, ``LedgerError/noAccount(ledger:name:)``.
    public func setPassword(name: String, password: String) async throws {
        if let problem = Self.passwordProblem(password) { throw AccountError.password(reason: problem) }
        var account = try await existingAccount(name)
        account.passwordHash = try await hash(password)
        try await store.updateAccount(account)
        try await store.endSessions(of: name)
        await recordChange(.userChanged, "\(name): password set, sessions ended")
    }

    /// Disables the account `name` (it can no longer sign in; its sessions end and its API
    /// tokens are refused).
    ///
    /// - Throws: ``LedgerError/noAccount(ledger:name:)``.
    public func disable(name: String) async throws {
        var account = try await existingAccount(name)
        account.disabled = true
        try await store.updateAccount(account)
        try await store.endSessions(of: name)
        await recordChange(.userDisabled, "\(name): disabled, sessions ended")
    }

    /// Records an account's change with ``audit``, if any.
    func recordChange(_ action: AuditAction, _ detail: String) async {
        guard let audit else { return }
        await audit.record(audit.stamp.event(action, detail: detail), in: store)
    }

    /// Why `password` cannot be a password (never quoting it), or nil: at least
    /// ``minPasswordLength`` characters, at most ``maxPasswordBytes`` UTF-8 bytes, no NUL.
    public static func passwordProblem(_ password: String) -> String? {
        if password.count < minPasswordLength {
            return "a password has at least \(minPasswordLength) characters (this one has \(password.count))"
        }
        if password.utf8.count > maxPasswordBytes {
            return "a password has at most \(maxPasswordBytes) bytes in UTF-8, bcrypt's limit (this one has \(password.utf8.count))"
        }
        if password.utf8.contains(0) { return "a password cannot hold the NUL character" }
        return nil
    }

    /// Refuses a location id the ledger could not give back as it was.
    static func checkLocations(_ locations: [String]) throws(AccountError) {
        for id in locations where id.isEmpty || id.contains(",") {
            throw .locations(value: locations.joined(separator: ","),
                             reason: id.isEmpty ? "a location id cannot be empty" : "a location id cannot hold ','")
        }
    }

    /// The account named `name`.
    ///
    /// - Throws: ``LedgerError/noAccount(ledger:name:)`` when there is none.
    public func existingAccount(_ name: String) async throws -> Account {
        guard let account = try await store.account(named: name) else {
            throw LedgerError.noAccount(ledger: ledgerName, name: name)
        }
        return account
    }

    /// How errors name the ledger: the store's name.
    var ledgerName: String { (store as? any LedgerStore)?.name ?? "the ledger" }

    /// `password`'s bcrypt hash at ``bcryptCost``.
    func hash(_ password: String) async throws(BcryptBusy) -> String {
        try await gate.run { [cost = bcryptCost] in Bcrypt.hash(password, cost: cost) }
    }

    /// A well-formed bcrypt hash at ``bcryptCost`` that no password matches: what an
    /// unknown name is verified against.
    var dummyHash: String {
        let cost = bcryptCost < 10 ? "0\(bcryptCost)" : "\(bcryptCost)"
        return "$2b$\(cost)$" + "spaquoteUnknownAccount" + "TimingEqualizerNeverMatches.123"
    }
}
