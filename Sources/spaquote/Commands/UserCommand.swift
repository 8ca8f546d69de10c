import ArgumentParser
import Foundation
import Ledger
import Reports
import Workflows

/// `spaquote user add|list|disable|password|token`: the front desk's accounts, kept in the
/// ledger (SPEC sections 8 and 9). Every rule is ``AccountBook``'s; this parses, reads the
/// password and prints.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the front desk's accounts: add, list, disable, set a password, issue an API token.",
        discussion: "Accounts live in the ledger. A password is read from the terminal without echo (asked twice), "
            + "or as one line from standard input when that is not a terminal; never from an argument.",
        subcommands: [Add.self, List.self, Disable.self, Password.self, Token.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account (the ledger is created if missing).")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The sign-in name: 1 to 64 of A-Z a-z 0-9 . _ @ -") var name: String
        @Option(help: "What the account may do: clerk, manager or admin.") var role: Role
        @Option(help: ArgumentHelp("The location ids the account works at (default: every location).", valueName: "ids"))
        var locations: LocationList?
        @Option(help: "A rate card whose location ids --locations must name (default: the ids are not checked).")
        var pricing: String?

        func validate() throws { try UserCommand.check(name) }

        func run() throws {
            let ids = locations?.ids ?? []
            if let pricing {
                let card = try loadRateCard(pricing)
                let known = card.locations.map(\.id)
                if let unknown = ids.first(where: { !known.contains($0) }) {
                    throw fail("--locations: '\(unknown)' is not a location of \(pricing) (its locations: \(known.joined(separator: ", "))); nothing was added")
                }
            }
            let password = try PasswordInput.read(for: name)
            let (name, role) = (name, role)
            let account = try UserCommand.withBook(ledger, create: true) { book in
                try await book.add(name: name, role: role, locations: ids, password: password)
            }
            note("added \(role.rawValue) '\(account.name)' (\(UserCommand.shown(account))) to \(ledger.address.shown)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts in name order (never a password or token).")
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let accounts = try UserCommand.withBook(ledger, create: false, access: .read) { try await $0.store.accounts() }
            var rows = [["name", "role", "locations", "status"]]
            for a in accounts {
                rows.append([a.name, a.role.rawValue, UserCommand.shown(a), a.disabled ? "disabled" : "active"])
            }
            Terminal.write(TextLayout.table(rows) + "\n")
            note("\(accounts.count) account\(accounts.count == 1 ? "" : "s") in \(ledger.address.shown)")
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: it can no longer sign in, its sessions end and its API tokens are refused.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The account's name.") var name: String

        func run() throws {
            let name = name
            try UserCommand.withBook(ledger, create: false) { try await $0.disable(name: name) }
            note("disabled '\(name)'; its sessions were ended")
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password; its sessions end.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The account's name.") var name: String

        func run() throws {
            let name = name
            // Asked only for an account that exists.
            _ = try UserCommand.withBook(ledger, create: false, access: .read) { try await $0.existingAccount(name) }
            let password = try PasswordInput.read(for: name)
            try UserCommand.withBook(ledger, create: false) { try await $0.setPassword(name: name, password: password) }
            note("set the password of '\(name)'; its sessions were ended")
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a new API token for an account, printed once on standard output; or revoke all of its tokens.",
            discussion: "The ledger keeps only the token's SHA-256: a token that is lost cannot be shown again (issue another). "
                + "--revoke-all removes every token of the account (a leaked or lost one among them) and issues none.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The account's name.") var name: String
        @Flag(help: "Remove every API token of the account instead of issuing one; prints how many.") var revokeAll = false

        func run() throws {
            let name = name, now = Int64(Date().timeIntervalSince1970)
            if revokeAll {
                let count = try UserCommand.withBook(ledger, create: false) { try await $0.revokeTokens(of: name) }
                note("revoked \(count) API token\(count == 1 ? "" : "s") of '\(TerminalText(data: name))'")
                return
            }
            let token = try UserCommand.withBook(ledger, create: false) { try await $0.newToken(for: name, at: now) }
            Terminal.write(token + "\n")
            note("a new API token for '\(name)': shown this once, keep it secret (send it as Authorization: Bearer TOKEN)")
        }
    }
}

extension UserCommand {
    /// bcrypt's cost for passwords set here.
    static let bcryptCost: UInt8 = 12

    /// A usage error for a name no account can have.
    static func check(_ name: String) throws {
        if let problem = Account.problem(withName: name) {
            throw ValidationError("account name '\(TerminalText(data: name))': \(problem)")
        }
    }

    /// The account's locations as `user list` shows them: the ids, or `all`.
    static func shown(_ account: Account) -> String {
        account.visibleLocations?.joined(separator: ",") ?? "all"
    }

    /// Opens the ledger, runs `body` with its accounts and closes it; any error ends the
    /// command with its message (an account's field named in the command line's words).
    @discardableResult
    static func withBook<T>(_ ledger: LedgerOptions, create: Bool, access: LedgerAccess = .write,
                            _ body: sending @escaping (AccountBook) async throws -> T) throws -> T {
        try ledger.with(create: create, access: access) { store in
            guard let accounts = store as? any AccountStore else {
                throw LedgerError.database(ledger: store.name, reason: "this ledger keeps no accounts")
            }
            // Changes are recorded in the audit trail (a ledger opened to read changes nothing).
            let audit = access == .write ? CommandLineAudit.recording() : nil
            return try await body(AccountBook(store: accounts, bcryptCost: bcryptCost, audit: audit))
        }
    }
}

/// `--locations a,b`: location ids separated by commas (spaces around them ignored).
struct LocationList: ExpressibleByArgument {
    var ids: [String]

    init?(argument: String) {
        let ids = argument.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !ids.contains(where: \.isEmpty) else { return nil }
        self.ids = ids
    }
}

/// `clerk`, `manager` or `admin`, in any case.
extension Role: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
