import Foundation
import Ledger
import LedgerSQLite
import Testing
import Workflows

@Suite("Accounts: names, passwords, bcrypt, tokens and the sessions they end")
struct AccountBookTests {
    /// A book over a new ledger in memory, bcrypt at cost 4 (fast).
    static func book() async throws -> (AccountBook, SQLiteStore) {
        let store = try await SQLiteStore.inMemory()
        return (AccountBook(store: store, bcryptCost: 4), store)
    }

    static let password = "correct horse battery"

    @Test("an added account is stored with a bcrypt hash of its password, never the password, and signs in with it",
          arguments: [Role.clerk, .manager, .admin], [[], ["downtown"], ["downtown", "nowhere-on-the-card"]])
    func add(role: Role, locations: [String]) async throws {
        let (book, store) = try await Self.book()
        let added = try await book.add(name: "ana.ruiz", role: role, locations: locations, password: Self.password)
        #expect(added.name == "ana.ruiz" && added.role == role && added.locations == locations && !added.disabled)
        #expect(added.passwordHash.hasPrefix("$2b$04$") && added.passwordHash.count == 60)
        #expect(!added.passwordHash.contains(Self.password))
        #expect(try await store.account(named: "ana.ruiz") == added)
        #expect(try await book.verify(name: "ana.ruiz", password: Self.password) == added)
        // A second account with the same password gets another salt.
        let other = try await book.add(name: "bo", role: role, password: Self.password)
        #expect(other.passwordHash != added.passwordHash)
    }

    @Test("a bad name is refused naming the field and the value, nothing stored",
          arguments: ["", "ana ruiz", String(repeating: "a", count: 65), "zoë", "a/b", "x;DROP", "tab\there", "émile"])
    func badName(name: String) async throws {
        let (book, store) = try await Self.book()
        await #expect { try await book.add(name: name, role: .clerk, password: Self.password) } throws: { error in
            guard let e = error as? AccountError, case .name = e else { return false }
            return e.field == "name" && e.value == name && e.description.hasPrefix("account name '\(name)': ")
        }
        #expect(try await store.accounts().isEmpty)
    }

    @Test("names of 1 and 64 characters of A-Z a-z 0-9 . _ @ - are taken",
          arguments: ["a", String(repeating: "z", count: 64), "A.b_c@d-e9", "front-desk@clinic.example"])
    func goodName(name: String) async throws {
        let (book, _) = try await Self.book()
        #expect(try await book.add(name: name, role: .clerk, password: Self.password).name == name)
    }

    static let badPasswords = [
        "", "short", "nine char", "ééééééééé",                              // under 10 characters (9 é: 18 bytes)
        String(repeating: "a", count: 73), String(repeating: "é", count: 37), // over 72 UTF-8 bytes
        "ten chars\u{0}!",                                                    // NUL: bcrypt would stop there
    ]

    @Test("a password under 10 characters, over 72 UTF-8 bytes or holding NUL is refused naming the field, never quoting it",
          arguments: badPasswords)
    func badPassword(password: String) async throws {
        let (book, store) = try await Self.book()
        await #expect { try await book.add(name: "ana", role: .clerk, password: password) } throws: { error in
            guard let e = error as? AccountError, case .password = e else { return false }
            return e.field == "password" && e.value == nil && (password.isEmpty || !e.description.contains(password))
        }
        #expect(try await store.accounts().isEmpty)
        try await book.add(name: "ana", role: .clerk, password: Self.password)
        await #expect(throws: AccountError.self) { try await book.setPassword(name: "ana", password: password) }
        #expect(try await book.verify(name: "ana", password: Self.password) != nil)
    }

    @Test("passwords of exactly 10 characters and exactly 72 bytes are taken",
          arguments: ["0123456789", "éééééééééé", String(repeating: "p", count: 72), String(repeating: "ü", count: 36)])
    func boundaryPassword(password: String) async throws {
        let (book, _) = try await Self.book()
        try await book.add(name: "ana", role: .clerk, password: password)
        #expect(try await book.verify(name: "ana", password: password)?.name == "ana")
    }

    @Test("a location id that is empty or holds ',' is refused naming the locations field",
          arguments: [[""], ["a,b"], ["downtown", ""]])
    func badLocations(locations: [String]) async throws {
        let (book, store) = try await Self.book()
        await #expect { try await book.add(name: "ana", role: .clerk, locations: locations, password: Self.password) } throws: { error in
            (error as? AccountError)?.field == "locations"
        }
        #expect(try await store.accounts().isEmpty)
    }

    @Test("a name already taken is refused by the ledger")
    func duplicate() async throws {
        let (book, store) = try await Self.book()
        let first = try await book.add(name: "ana", role: .clerk, password: Self.password)
        await #expect(throws: LedgerError.accountExists(ledger: store.name, name: "ana")) {
            try await book.add(name: "ana", role: .admin, password: "another password")
        }
        #expect(try await store.accounts() == [first])
    }

    @Test("verify answers nil for an unknown name, a wrong password, a disabled account, and a password past bcrypt's 72 bytes")
    func verify() async throws {
        let (book, _) = try await Self.book()
        let long = String(repeating: "k", count: 72)
        try await book.add(name: "ana", role: .clerk, password: Self.password)
        try await book.add(name: "long", role: .clerk, password: long)
        try await book.add(name: "gone", role: .clerk, password: Self.password)
        try await book.disable(name: "gone")
        #expect(try await book.verify(name: "ana", password: Self.password)?.name == "ana")
        for (name, password) in [("ana", "correct horse battery!"), ("ana", "Correct horse battery"), ("nobody", Self.password),
                                 ("ANA", Self.password), ("gone", Self.password), ("ana", ""), ("long", long + "extra")] {
            #expect(try await book.verify(name: name, password: password) == nil, "\(name)")
        }
        #expect(try await book.verify(name: "long", password: long)?.name == "long")
    }

    @Test("an unknown name costs a bcrypt verification as a known one does (the time does not tell names apart)")
    func unknownNameTiming() async throws {
        let store = try await SQLiteStore.inMemory()
        let book = AccountBook(store: store, bcryptCost: 8)
        try await book.add(name: "ana", role: .clerk, password: Self.password)
        // Taken in turns, the fastest of each: a loaded machine only ever slows a run down.
        var known: Duration = .seconds(1_000), unknown: Duration = .seconds(1_000)
        let clock = ContinuousClock()
        for _ in 0..<6 {
            for name in ["ana", "nobody"] {
                let start = clock.now
                _ = try await book.verify(name: name, password: "wrong password")
                let took = clock.now - start
                if name == "ana" { known = min(known, took) } else { unknown = min(unknown, took) }
            }
        }
        // bcrypt at cost 8 takes milliseconds; a check skipped would take microseconds.
        #expect(unknown * 4 > known, "unknown \(unknown), known \(known)")
        #expect(unknown > .milliseconds(2))
    }

    /// Sessions of `ana` (2) and `bo` (1) in `store`.
    static func sessions(_ store: SQLiteStore) async throws {
        for (i, user) in ["ana", "ana", "bo"].enumerated() {
            try await store.addSession(WebSession(idHash: "s\(i)", user: user, csrfToken: "c\(i)", created: 10, lastSeen: 10))
        }
    }

    @Test("a new password replaces the old one and ends the account's sessions, not others'")
    func setPassword() async throws {
        let (book, store) = try await Self.book()
        try await book.add(name: "ana", role: .clerk, password: Self.password)
        try await book.add(name: "bo", role: .clerk, password: Self.password)
        try await Self.sessions(store)
        try await book.setPassword(name: "ana", password: "a brand new password")
        #expect(try await book.verify(name: "ana", password: Self.password) == nil)
        #expect(try await book.verify(name: "ana", password: "a brand new password")?.name == "ana")
        #expect(try await store.session(idHash: "s0") == nil)
        #expect(try await store.session(idHash: "s1") == nil)
        #expect(try await store.session(idHash: "s2")?.user == "bo")
        await #expect(throws: LedgerError.noAccount(ledger: store.name, name: "nobody")) {
            try await book.setPassword(name: "nobody", password: "a brand new password")
        }
    }

    @Test("a disabled account cannot sign in, loses its sessions, its tokens are refused and it gets no new one")
    func disable() async throws {
        let (book, store) = try await Self.book()
        try await book.add(name: "ana", role: .manager, locations: ["downtown"], password: Self.password)
        try await book.add(name: "bo", role: .clerk, password: Self.password)
        try await Self.sessions(store)
        let token = try await book.newToken(for: "ana", at: 1_700_000_000)
        #expect(try await book.account(forToken: token)?.name == "ana")
        try await book.disable(name: "ana")
        #expect(try await store.account(named: "ana")?.disabled == true)
        #expect(try await book.verify(name: "ana", password: Self.password) == nil)
        #expect(try await book.account(forToken: token) == nil)
        #expect(try await store.session(idHash: "s0") == nil)
        #expect(try await store.session(idHash: "s1") == nil)
        #expect(try await store.session(idHash: "s2")?.user == "bo")
        await #expect(throws: AccountError.disabled(name: "ana")) { _ = try await book.newToken(for: "ana", at: 1) }
        await #expect(throws: LedgerError.noAccount(ledger: store.name, name: "nobody")) { try await book.disable(name: "nobody") }
        #expect(try await book.verify(name: "bo", password: Self.password)?.name == "bo")
    }

    @Test("a token has at least 128 random bits, is returned once and only its SHA-256 is stored; an unknown token finds no one")
    func tokens() async throws {
        let (book, store) = try await Self.book()
        let ana = try await book.add(name: "ana", role: .clerk, password: Self.password)
        var seen: Set<String> = []
        for i in 0..<20 {
            let token = try await book.newToken(for: "ana", at: Int64(i))
            let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
            #expect(token.allSatisfy(alphabet.contains) && token.count * 6 >= 128, "\(token)")
            #expect(seen.insert(token).inserted)
            #expect(try await book.account(forToken: token) == ana)
            #expect(try await store.account(forToken: Secret.hash(token)) == ana)
            #expect(try await store.account(forToken: token) == nil)   // the token itself is not what is stored
        }
        for unknown in ["", "x", String(seen.first!.dropLast()), Secret.token()] {
            #expect(try await book.account(forToken: unknown) == nil)
        }
        await #expect(throws: LedgerError.noAccount(ledger: store.name, name: "nobody")) { _ = try await book.newToken(for: "nobody", at: 1) }
    }

    @Test("the ledger file holds neither the password nor the token in clear")
    func nothingInClear() async throws {
        let folder = Fixture.temporaryFolder(), path = folder + "/l.sqlite"
        let store = try await SQLiteStore.open(path: path, create: true)
        let book = AccountBook(store: store, bcryptCost: 4)
        try await book.add(name: "ana", role: .clerk, password: Self.password)
        try await book.setPassword(name: "ana", password: "second secret phrase")
        let token = try await book.newToken(for: "ana", at: 1)
        try await store.close()
        let bytes = try #require(FileManager.default.contents(atPath: path))
        for secret in [Self.password, "second secret phrase", token] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) in the file")
        }
        #expect(bytes.range(of: Data(Secret.hash(token).utf8)) != nil)
    }
}
