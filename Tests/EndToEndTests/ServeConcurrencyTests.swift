import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Many clients saving through the API at once (issue 12): 20 clients of 50 saves each give
/// 1,000 quotes whose ledger ids are unique and consecutive, on SQLite behind one `serve`
/// and on PostgreSQL behind two `serve` processes sharing the ledger.
@Suite("serve: concurrent saves end to end", .timeLimit(.minutes(10)))
struct ServeConcurrencyTests {
    static let clients = 20
    static let savesEach = 50
    static let body = #"{"location":"downtown","tier":"senior","areas":["face","neck"],"sessions":3,"quote_date":"2026-11-02","start_date":"2026-11-09"}"#

    /// One API client: its own URL session (no cookies), the account's bearer token.
    struct Client {
        let session: URLSession
        let token: String

        init(token: String) {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.httpCookieStorage = nil
            configuration.timeoutIntervalForRequest = 120
            session = URLSession(configuration: configuration)
            self.token = token
        }

        func send(_ port: Int, _ method: String, _ path: String, body: String? = nil) async throws -> (Int, [String: Any]) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.httpMethod = method
            request.httpShouldHandleCookies = false
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            if let body {
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                request.httpBody = Data(body.utf8)
            }
            let (data, response) = try await session.data(for: request)
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
            return ((response as! HTTPURLResponse).statusCode, object)
        }
    }

    /// The clerk `desk` (downtown) added to `ledger` and a new API token for it.
    static func account(ledger: String, in folder: String) throws -> String {
        #expect(try ServeTests.addUser(ledger: ledger, in: folder))
        let issued = try Binary.run(["user", "token", "desk", "--ledger", ledger])
        #expect(issued.status == 0, "\(issued.stderr)")
        return issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// 20 clients at once, client i sending its 50 saves one after another to `ports[i % ports.count]`;
    /// the statuses and the `quote_id`s answered.
    static func saveAtOnce(ports: [Int], token: String) async throws -> (statuses: [Int], ids: [String]) {
        try await withThrowingTaskGroup(of: [(Int, String)].self) { group in
            for i in 0..<clients {
                let port = ports[i % ports.count]
                group.addTask {
                    let client = Client(token: token)
                    var answers: [(Int, String)] = []
                    for _ in 0..<savesEach {
                        let (status, quote) = try await client.send(port, "POST", "/api/v1/quotes", body: body)
                        answers.append((status, quote["quote_id"] as? String ?? ""))
                    }
                    return answers
                }
            }
            var all: [(Int, String)] = []
            for try await answers in group { all += answers }
            return (all.map(\.0), all.map(\.1))
        }
    }

    /// Every quote the API lists, in pages of 500: their ids.
    static func listed(port: Int, token: String) async throws -> [String] {
        let client = Client(token: token)
        var ids: [String] = [], after: String? = nil
        repeat {
            let (status, page) = try await client.send(port, "GET", "/api/v1/quotes?limit=500" + (after.map { "&after=\($0)" } ?? ""))
            #expect(status == 200)
            ids += (page["quotes"] as? [[String: Any]] ?? []).compactMap { $0["quote_id"] as? String }
            after = page["next"] as? String
        } while after != nil
        return ids
    }

    /// The 1,000 saves answered 201 with ids Q-2026-000001 to Q-2026-001000, each once, and
    /// the ledger lists exactly those (through every server).
    static func expectConsecutive(_ saved: (statuses: [Int], ids: [String]), listedBy ports: [Int], token: String) async throws {
        let total = clients * savesEach
        #expect(saved.statuses.count == total)
        #expect(saved.statuses.allSatisfy { $0 == 201 }, "statuses: \(Set(saved.statuses))")
        let expected = (1...total).map { String(format: "Q-2026-%06d", $0) }
        #expect(Set(saved.ids).count == total, "\(total - Set(saved.ids).count) ids repeated or missing")
        #expect(saved.ids.sorted() == expected)
        for port in ports {
            #expect(try await listed(port: port, token: token).sorted() == expected)
        }
    }

    @Test("20 clients saving 50 quotes each at once through one serve on SQLite: 1,000 quotes, ids unique and consecutive")
    func sqlite() async throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        let token = try Self.account(ledger: ledger, in: folder)
        let server = try ServeTests.Server(ledger: ledger)
        defer { if server.process.isRunning { _ = server.stop() } }
        let saved = try await Self.saveAtOnce(ports: [server.port], token: token)
        try await Self.expectConsecutive(saved, listedBy: [server.port], token: token)
        #expect(server.stop() == 0)
    }

    @Test("The same against PostgreSQL, two serve processes sharing one ledger, the clients alternating between them",
          .enabled(if: TestPostgres.available))
    func postgres() async throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = try TestPostgres.createDatabase()
        defer { TestPostgres.drop(db.name) }
        let token = try Self.account(ledger: db.url, in: folder)
        let first = try ServeTests.Server(ledger: db.url)
        defer { if first.process.isRunning { _ = first.stop() } }
        let second = try ServeTests.Server(ledger: db.url)
        defer { if second.process.isRunning { _ = second.stop() } }
        let ports = [first.port, second.port]
        let saved = try await Self.saveAtOnce(ports: ports, token: token)
        try await Self.expectConsecutive(saved, listedBy: ports, token: token)
        #expect(first.stop() == 0)
        #expect(second.stop() == 0)
    }
}
