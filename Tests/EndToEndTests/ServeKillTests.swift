import Foundation
import Synchronization
import Testing

/// `kill -9` of `serve` while clients save through the API (issue 14): after a restart on
/// the same ledger every save answered 2xx is there, with its client, link and contact;
/// every quote there comes from a request sent; none is half saved; the file is sound.
/// The same over PostgreSQL when the test run has a server (`make test` starts one).
@Suite("serve: killed with SIGKILL during saves", .timeLimit(.minutes(5)))
struct ServeKillTests {
    static let clients = 8

    /// Client `i`'s `n`th save: its client name and contact.
    static func names(_ i: Int, _ n: Int) -> (client: String, contact: String) {
        ("Kill Client \(i)-\(n)", "c\(i).\(n)@example.com")
    }

    /// The saves answered 2xx: quote id → (client, contact); and every client name sent.
    final class Answers: Sendable {
        let state = Mutex((saved: [String: (String, String)](), sent: Set<String>(), refused: [String]()))
    }

    /// `clients` clients saving one after another until the server stops answering.
    static func saveUntilKilled(port: Int, token: String, answers: Answers) async {
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<clients {
                group.addTask {
                    let client = ServeConcurrencyTests.Client(token: token)
                    for n in 0... {
                        let (name, contact) = names(i, n)
                        answers.state.withLock { _ = $0.sent.insert(name) }
                        let body = #"{"client":"\#(name)","client_contact":"\#(contact)","location":"downtown","tier":"senior","#
                            + #""areas":["face","neck"],"sessions":3,"quote_date":"2026-11-02","start_date":"2026-11-09"}"#
                        guard let (status, quote) = try? await client.send(port, "POST", "/api/v1/quotes", body: body) else { return }
                        guard (200..<300).contains(status), let id = quote["quote_id"] as? String else {
                            answers.state.withLock { $0.refused.append("\(status) \(quote)") }
                            return
                        }
                        answers.state.withLock { $0.saved[id] = (name, contact) }
                    }
                }
            }
        }
    }

    /// What the ledger holds of each quote: id, client, whether a share link exists, the contact.
    typealias Row = (id: String, client: String, link: Bool, contact: String)

    /// The query of ``Row``s: the same tables and columns in both stores.
    static let rowsQuery = "SELECT q.quote_id, q.client, CASE WHEN s.quote IS NULL THEN 0 ELSE 1 END, coalesce(c.contact, '') FROM quote q "
        + "LEFT JOIN share_link s ON s.quote = q.id LEFT JOIN client_contact c ON c.quote = q.id ORDER BY q.id"

    /// The SQLite ledger's rows, through sqlite3.
    static func ledgerRows(sqlite ledger: String) throws -> [Row] {
        let r = try Binary.run(executable: "/usr/bin/sqlite3", ["-separator", "\u{1F}", ledger, rowsQuery])
        #expect(r.status == 0, "\(r.stderr)")
        return rows(r.stdout)
    }

    /// The PostgreSQL ledger's rows, through psql.
    static func ledgerRows(postgres url: String) throws -> [Row] {
        let r = try Binary.run(executable: TestPostgres.psql, [url, "-v", "ON_ERROR_STOP=1", "-A", "-t", "-q", "-F", "\u{1F}", "-c", rowsQuery])
        #expect(r.status == 0, "\(r.stderr)")
        return rows(r.stdout)
    }

    private static func rows(_ text: String) -> [Row] {
        text.split(separator: "\n").map { line in
            let f = line.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            return (f[0], f[1], f[2] == "1", f.count > 3 ? f[3] : "")
        }
    }

    @Test("8 clients saving, serve killed with SIGKILL after a second, restarted: every answered save is there whole, nothing half there, the file sound")
    func sqlite() async throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        try await Self.killDuringSaves(ledger: ledger, in: folder, rows: { try Self.ledgerRows(sqlite: ledger) }) {
            let check = try Binary.run(executable: "/usr/bin/sqlite3", [ledger, "PRAGMA integrity_check"])
            #expect(check.stdout == "ok\n", "\(check.stdout) \(check.stderr)")
        }
    }

    @Test("The same over PostgreSQL: the killed server's open transactions end with its connections; every answered save is there whole",
          .enabled(if: TestPostgres.available))
    func postgres() async throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (database, url) = try TestPostgres.createDatabase()
        defer { TestPostgres.drop(database) }
        try await Self.killDuringSaves(ledger: url, in: folder, rows: { try Self.ledgerRows(postgres: url) }) {}
    }

    /// Saves through `serve` over `ledger` until it is killed, then checks what `rows` reads
    /// of the ledger (after `sound`, the store's own check) against the answers.
    static func killDuringSaves(ledger: String, in folder: String, rows ledgerRows: () throws -> [Row],
                                sound: () throws -> Void) async throws {
        let token = try ServeConcurrencyTests.account(ledger: ledger, in: folder)
        let server = try ServeTests.Server(ledger: ledger)
        defer { if server.process.isRunning { _ = server.stop() } }
        let answers = Answers()
        let port = server.port
        let saving = Task { await Self.saveUntilKilled(port: port, token: token, answers: answers) }
        // About a second of saving, and at least a few saves answered (a loaded machine starts slowly).
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(1) || answers.state.withLock({ $0.saved.count }) < Self.clients,
              ContinuousClock.now - start < .seconds(30) {
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(server.process.processIdentifier, SIGKILL)
        server.process.waitUntilExit()
        await saving.value
        #expect(server.process.terminationReason == .uncaughtSignal && server.process.terminationStatus == SIGKILL)
        let (saved, sent, refused) = answers.state.withLock { ($0.saved, $0.sent, $0.refused) }
        #expect(refused.isEmpty, "answers other than 2xx before the kill: \(refused)")
        #expect(saved.count > 0, "no save was answered before the kill")

        try sound()
        let restarted = try ServeTests.Server(ledger: ledger)
        defer { if restarted.process.isRunning { _ = restarted.stop() } }
        let listed = try await ServeConcurrencyTests.listed(port: restarted.port, token: token)

        let rows = try ledgerRows()
        #expect(listed.sorted() == rows.map(\.id).sorted(), "the restarted server lists what the ledger holds")
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (id, (client, contact)) in saved {
            let row = byID[id]
            #expect(row?.client == client, "answered save \(id) of \(client) is missing or changed: \(String(describing: row))")
            #expect(row?.link == true && row?.contact == contact, "answered save \(id) lacks its link or contact")
        }
        for row in rows {
            #expect(sent.contains(row.client), "\(row.id) has a client no request sent: \(row.client)")
        }
        #expect(Set(rows.map(\.client)).count == rows.count, "a request saved twice")
        let half = rows.filter { !$0.link || $0.contact.isEmpty }
        #expect(half.isEmpty, "quotes saved without their link or contact: \(half.map(\.id))")
        #expect(restarted.stop() == 0)
    }
}
