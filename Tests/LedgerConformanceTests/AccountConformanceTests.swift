import Foundation
import Ledger
import Pricing
import Testing

/// Accounts, API tokens and web sessions: the behaviours every store keeps (``AccountStore``).
@Suite("Ledger stores keep accounts, tokens and sessions alike")
struct AccountConformanceTests {
    typealias F = ConformanceFixtures

    static func hash(_ n: Int) -> String { String(repeating: String(n % 10), count: 64) }

    static func account(_ name: String, _ role: Role = .clerk, locations: [String] = [], disabled: Bool = false) -> Account {
        Account(name: name, role: role, locations: locations, passwordHash: "$2b$04$hash-of-\(name)", disabled: disabled)
    }

    /// Names in byte (code point) order: how both stores order them.
    static func byteOrder(_ names: [String]) -> [String] { names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }

    @Test("accounts read back as added, each by its exact name, and list in name order", arguments: StoreKind.allCases)
    func addAndList(kind: StoreKind) async throws {
        let store = try await kind.makeAccountStore()
        #expect(try await store.accounts().isEmpty)
        let added = [
            Self.account("zoe", .admin), Self.account("Ana", .clerk, locations: ["downtown"]),
            Self.account("bob.smith", .manager, locations: ["uptown", "riverside"]), Self.account("0clerk", disabled: true),
            Self.account("al@x-y_z", .clerk, locations: ["riverside"]), Self.account("ana", .manager),
        ]
        for account in added { try await store.addAccount(account) }
        let listed = try await store.accounts()
        #expect(listed.map(\.name) == Self.byteOrder(added.map(\.name)))
        #expect(listed.map(\.name) == ["0clerk", "Ana", "al@x-y_z", "ana", "bob.smith", "zoe"])
        for account in added { #expect(try await store.account(named: account.name) == account) }
        #expect(Set(listed.map(\.name)) == Set(added.map(\.name)) && listed.count == added.count)
        for unknown in ["ANA", "zoe ", "", "nobody"] { #expect(try await store.account(named: unknown) == nil) }
        try await store.close()
    }

    @Test("a name already taken is refused with accountExists, and the first account stays as it was", arguments: StoreKind.allCases)
    func duplicate(kind: StoreKind) async throws {
        let store = try await kind.makeAccountStore()
        let first = Self.account("clerk1", .clerk, locations: ["downtown"])
        try await store.addAccount(first)
        for again in [Self.account("clerk1", .admin), Self.account("clerk1", .manager, locations: ["uptown"], disabled: true)] {
            await #expect(throws: LedgerError.accountExists(ledger: store.name, name: "clerk1")) { try await store.addAccount(again) }
        }
        #expect(try await store.accounts() == [first])
        try await store.close()
    }

    @Test("an update stores the role, locations, password hash and disabled flag; an unknown name is noAccount",
          arguments: StoreKind.allCases)
    func update(kind: StoreKind) async throws {
        let store = try await kind.makeAccountStore()
        let other = Self.account("other", .clerk, locations: ["uptown"])
        try await store.addAccount(Self.account("m1", .clerk, locations: ["downtown"]))
        try await store.addAccount(other)
        let changes = [
            Account(name: "m1", role: .manager, locations: ["downtown", "uptown"], passwordHash: "$2b$04$new", disabled: false),
            Account(name: "m1", role: .admin, locations: [], passwordHash: "$2b$04$newer", disabled: true),
            Account(name: "m1", role: .clerk, locations: ["riverside"], passwordHash: "$2b$04$newest", disabled: false),
        ]
        for changed in changes {
            try await store.updateAccount(changed)
            #expect(try await store.account(named: "m1") == changed)
            #expect(try await store.account(named: "other") == other)
        }
        await #expect(throws: LedgerError.noAccount(ledger: store.name, name: "nobody")) {
            try await store.updateAccount(Self.account("nobody"))
        }
        #expect(try await store.accounts().map(\.name) == ["m1", "other"])
        try await store.close()
    }

    @Test("a token's stored hash finds its account; an unknown hash finds none; a token for an unknown account is refused",
          arguments: StoreKind.allCases)
    func tokens(kind: StoreKind) async throws {
        let store = try await kind.makeAccountStore()
        let a = Self.account("a", .manager, locations: ["downtown"]), b = Self.account("b")
        try await store.addAccount(a)
        try await store.addAccount(b)
        try await store.addToken(hash: Self.hash(1), user: "a", created: 1_700_000_000)
        try await store.addToken(hash: Self.hash(2), user: "a", created: 1_700_000_100)
        try await store.addToken(hash: Self.hash(3), user: "b", created: 1_700_000_200)
        #expect(try await store.account(forToken: Self.hash(1)) == a)
        #expect(try await store.account(forToken: Self.hash(2)) == a)
        #expect(try await store.account(forToken: Self.hash(3)) == b)
        for unknown in [Self.hash(4), "", String(Self.hash(1).dropLast()), Self.hash(1).uppercased() + "0"] {
            #expect(try await store.account(forToken: unknown) == nil)
        }
        await #expect(throws: LedgerError.noAccount(ledger: store.name, name: "nobody")) {
            try await store.addToken(hash: Self.hash(5), user: "nobody", created: 1)
        }
        #expect(try await store.account(forToken: Self.hash(5)) == nil)
        // The store answers with the account as it is now: disabled, it says so (the book refuses it).
        var disabled = b
        disabled.disabled = true
        try await store.updateAccount(disabled)
        #expect(try await store.account(forToken: Self.hash(3)) == disabled)
        try await store.close()
    }

    @Test("sessions: added, read, touched, ended one at a time, all of one account, and the idle ones, the others kept",
          arguments: StoreKind.allCases)
    func sessions(kind: StoreKind) async throws {
        let store = try await kind.makeAccountStore()
        for name in ["a", "b"] { try await store.addAccount(Self.account(name)) }
        let sessions = [
            WebSession(idHash: Self.hash(1), user: "a", csrfToken: "csrf-1", created: 1000, lastSeen: 1000),
            WebSession(idHash: Self.hash(2), user: "a", csrfToken: "csrf-2", created: 1100, lastSeen: 1500),
            WebSession(idHash: Self.hash(3), user: "b", csrfToken: "csrf-3", created: 1200, lastSeen: 1200),
            WebSession(idHash: Self.hash(4), user: "b", csrfToken: "csrf-4", created: 1300, lastSeen: 2000),
            WebSession(idHash: Self.hash(5), user: "a", csrfToken: "csrf-5", created: 1400, lastSeen: 1400),
        ]
        for s in sessions { try await store.addSession(s) }
        for s in sessions { #expect(try await store.session(idHash: s.idHash) == s) }
        #expect(try await store.session(idHash: Self.hash(6)) == nil)
        await #expect(throws: LedgerError.noAccount(ledger: store.name, name: "nobody")) {
            try await store.addSession(WebSession(idHash: Self.hash(7), user: "nobody", csrfToken: "c", created: 1, lastSeen: 1))
        }

        try await store.touchSession(idHash: Self.hash(1), at: 1900)
        var touched = sessions[0]
        touched.lastSeen = 1900
        #expect(try await store.session(idHash: Self.hash(1)) == touched)
        try await store.touchSession(idHash: Self.hash(6), at: 1900)   // none: nothing happens
        #expect(try await store.session(idHash: Self.hash(6)) == nil)

        try await store.endSession(idHash: Self.hash(5))
        try await store.endSession(idHash: Self.hash(6))   // none: nothing happens
        #expect(try await store.session(idHash: Self.hash(5)) == nil)
        #expect(try await store.session(idHash: Self.hash(2)) == sessions[1])

        // Idle: last seen before 1500 (1200 goes; 1500, 1900 and 2000 stay).
        try await store.endSessions(lastSeenBefore: 1500)
        #expect(try await store.session(idHash: Self.hash(3)) == nil)
        #expect(try await store.session(idHash: Self.hash(1)) == touched)
        #expect(try await store.session(idHash: Self.hash(2)) == sessions[1])
        #expect(try await store.session(idHash: Self.hash(4)) == sessions[3])

        try await store.endSessions(of: "a")
        #expect(try await store.session(idHash: Self.hash(1)) == nil)
        #expect(try await store.session(idHash: Self.hash(2)) == nil)
        #expect(try await store.session(idHash: Self.hash(4)) == sessions[3])
        try await store.close()
    }

    static let hostile = [
        "O'Brien", "'; DROP TABLE account; --", "Robert\"); DROP TABLE quote;--", "Zoë 東京 🙂", "a\\b%_?$1", "\u{202E}evil\u{7}bell\n",
    ]

    @Test("quotes, SQL, unicode and control characters in names, locations, hashes and tokens are stored as values and read back as they were",
          arguments: StoreKind.allCases, hostile)
    func hostileText(kind: StoreKind, text: String) async throws {
        let store = try await kind.makeAccountStore()
        try await F.save([try F.quote("H1")], into: store)
        let account = Account(name: text, role: .manager, locations: [text.replacingOccurrences(of: ",", with: ";"), "down'town"],
                              passwordHash: text, disabled: false)
        try await store.addAccount(account)
        try await store.addAccount(Self.account("plain"))
        #expect(try await store.account(named: text) == account)
        #expect(try await store.accounts().map(\.name) == Self.byteOrder([text, "plain"]))
        try await store.addToken(hash: text, user: text, created: 5)
        #expect(try await store.account(forToken: text) == account)
        let session = WebSession(idHash: text + "#", user: text, csrfToken: text, created: 1, lastSeen: 2)
        try await store.addSession(session)
        #expect(try await store.session(idHash: text + "#") == session)
        try await store.endSessions(of: text)
        #expect(try await store.session(idHash: text + "#") == nil)
        await #expect(throws: LedgerError.accountExists(ledger: store.name, name: text)) { try await store.addAccount(account) }
        // Every table is still there, and the quote with it.
        #expect(try await store.summary().quotes == 1)
        #expect(try await store.account(named: "plain") == Self.account("plain"))
        try await store.close()
    }

    @Test("a location id the column could not give back (empty, or holding ',') is refused, nothing stored",
          arguments: StoreKind.allCases, [["a,b"], [""], ["downtown", ""], ["downtown", "up,town"]])
    func unstorableLocations(kind: StoreKind, locations: [String]) async throws {
        let store = try await kind.makeAccountStore()
        await #expect { try await store.addAccount(Self.account("x", locations: locations)) } throws: { error in
            guard case let LedgerError.constraint(ledger, reason) = error else { return false }
            return ledger == store.name && reason.contains("location id")
        }
        #expect(try await store.accounts().isEmpty)
        try await store.addAccount(Self.account("x", locations: ["downtown"]))
        await #expect(throws: LedgerError.self) { try await store.updateAccount(Self.account("x", locations: locations)) }
        #expect(try await store.account(named: "x")?.locations == ["downtown"])
        try await store.close()
    }

    @Test("a ledger of an earlier schema version, without the account tables, opens, is upgraded, keeps its quotes and gains those tables",
          arguments: StoreKind.allCases)
    func upgrade(kind: StoreKind) async throws {
        let previous = try await kind.makePreviousVersion(saving: try F.variety())
        #expect(try await previous.version() == previous.takenBackTo)
        #expect(previous.takenBackTo < previous.currentVersion)
        let store = try await previous.open()
        #expect(try await previous.version() == previous.currentVersion)
        #expect(try await F.entries(store).map(\.quote) == previous.saved)
        #expect(try await store.summary().quotes == 6)
        let revenue = try await store.revenueRecords(matching: .all, after: nil, limit: 100)
        #expect(revenue.map(\.quoteID) == previous.saved.map(\.quoteID), "the quotes saved before the upgrade read as revenue records")
        #expect(try await store.accounts().isEmpty)
        try await store.addAccount(Self.account("first", .admin))
        try await store.addToken(hash: Self.hash(1), user: "first", created: 1)
        try await store.addSession(WebSession(idHash: Self.hash(2), user: "first", csrfToken: "c", created: 1, lastSeen: 1))
        #expect(try await store.account(forToken: Self.hash(1))?.name == "first")
        try await store.close()
    }
}
