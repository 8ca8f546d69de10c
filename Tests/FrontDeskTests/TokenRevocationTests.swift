import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import Testing
import Workflows

@Suite("Front desk: revoked tokens and disabled accounts")
struct TokenRevocationTests {
    @Test("Revoking every token of an account refuses each of them (401), counts them, and leaves other accounts' tokens",
          arguments: [0, 1, 3])
    func revokeAll(count: Int) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.account("other")
        var issued: [String] = []
        for _ in 0..<count { issued.append(try await desk.token("desk")) }
        let tokens = issued, kept = try await desk.token("other")
        let book = AccountBook(store: desk.store, bcryptCost: 4)
        try await desk.test { client in
            for token in tokens {
                try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    #expect($0.status == .ok)
                }
            }
            #expect(try await book.revokeTokens(of: "desk") == count)
            #expect(try await book.revokeTokens(of: "desk") == 0)
            await #expect(throws: LedgerError.noAccount(ledger: desk.store.name, name: "nobody")) {
                _ = try await book.revokeTokens(of: "nobody")
            }
            for token in tokens {
                try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    #expect($0.status == .unauthorized)
                }
            }
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.authorization: "Bearer \(kept)"]) {
                #expect($0.status == .ok)
            }
        }
    }

    enum Credential: String, CaseIterable { case token, cookie }

    @Test("Disabling an account refuses its API tokens and ends its sessions, for reading and for changing",
          arguments: Credential.allCases)
    func disabled(credential: Credential) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        let token = try await desk.token("desk")
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk")
            let headers: HTTPFields = credential == .token
                ? [.authorization: "Bearer \(token)", .contentType: "application/json"] : browser.headers()
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: headers) { #expect($0.status == .ok) }
            try await AccountBook(store: desk.store, bcryptCost: 4).disable(name: "desk")
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: headers) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: headers, body: Body.request()) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/price", method: .post, headers: headers, body: Body.request()) {
                #expect($0.status == .unauthorized)
            }
        }
        #expect(try await desk.store.entries(matching: .all, after: nil, limit: 10).isEmpty)
    }
}
