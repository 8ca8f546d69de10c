/// A front-desk account, as the ledger stores it (users live in the ledger so that several
/// servers over one ledger share them).
public struct Account: Sendable, Equatable {
    /// The sign-in name: 1 to 64 of `A-Z a-z 0-9 . _ @ -` (``Account/checkName(_:)``), unique in the ledger.
    public var name: String
    public var role: Role
    /// The location ids the account works at, in the order given; empty means every
    /// location (an admin always sees every location, whatever this holds).
    public var locations: [String]
    /// The password's bcrypt hash (`$2b$...`); never the password.
    public var passwordHash: String
    /// A disabled account cannot sign in, and its sessions and tokens are refused.
    public var disabled: Bool

    public init(name: String, role: Role, locations: [String] = [], passwordHash: String, disabled: Bool = false) {
        self.name = name; self.role = role; self.locations = locations
        self.passwordHash = passwordHash; self.disabled = disabled
    }

    /// The longest account name, in characters.
    public static let maxNameLength = 64

    /// Why `name` cannot name an account, or nil when it can.
    public static func problem(withName name: String) -> String? {
        if name.isEmpty { return "an account name cannot be empty" }
        if name.count > maxNameLength { return "an account name has at most \(maxNameLength) characters" }
        let allowed = name.unicodeScalars.allSatisfy { s in
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || ".-_@".unicodeScalars.contains(s)
        }
        return allowed ? nil : "an account name has only letters A-Z, digits and . _ @ -"
    }
}
