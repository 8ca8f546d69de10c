import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `ledger copy FROM TO` between SQLite files (PostgreSQL: ``PostgresLedgerTests``).
@Suite("ledger copy, end to end")
struct LedgerCopyTests {
    /// A ledger at `ledger` (a path or URL) holding the example batch, 3,000 generated
    /// requests (quoted, accepted and declined, some rejected) and a few status changes.
    static func fill(_ ledger: String, in folder: String) throws {
        let env = ["SPAQUOTE_LEDGER": ledger]
        let examples = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                                       "--output", folder + "/fill-examples.csv", "--save"], environment: env)
        #expect(examples.status == 0, "\(examples.stderr)")
        var generator = RequestGenerator(seed: 41)
        try generator.csv(rows: 3_000).write(toFile: folder + "/fill.csv", atomically: true, encoding: .utf8)
        let generated = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), folder + "/fill.csv",
                                        "--output", folder + "/fill-out.csv", "--save", "--date", "2026-11-01"], environment: env)
        #expect(generated.status == 3, "\(generated.stderr)")
        // EX5 was quoted: declined now; EX4 was declined: accepted all the same.
        #expect(try Binary.run(["ledger", "decline", "Q-2026-000005"], environment: env).status == 0)
        #expect(try Binary.run(["ledger", "accept", "Q-2026-000004", "--on", "2026-11-25", "--force"], environment: env).status == 0)
    }

    /// What a ledger shows: its list, a monthly report's bytes, one quote as JSON.
    static func views(_ ledger: String, in folder: String) throws -> [String] {
        let list = try Binary.run(["ledger", "list", "--ledger", ledger])
        #expect(list.status == 0, "\(list.stderr)")
        let report = folder + "/view-\(UUID().uuidString).csv"
        let monthly = try Binary.run(["report", "monthly", "--from", "2026-10", "--to", "2027-09", "--output", report, "--ledger", ledger])
        #expect(monthly.status == 0, "\(monthly.stderr)")
        let show = try Binary.run(["ledger", "show", "Q-2026-000004", "--format", "json", "--ledger", ledger])
        return [list.stdout, (try? String(contentsOfFile: report, encoding: .utf8)) ?? "", show.stdout]
    }

    @Test("A client's link made on the web still opens after ledger copy (into PostgreSQL when the run has a server, else a new file)")
    func clientLinksSurvive() async throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clinic = folder + "/clinic.sqlite"
        let token = try ServeConcurrencyTests.account(ledger: clinic, in: folder)
        let server = try ServeTests.Server(ledger: clinic)
        // Quoted today (no quote_date): the link must still be within the quote's validity when the copy serves it.
        let body = #"{"client":"Ana Link","client_contact":"ana@example.com","location":"downtown","tier":"senior","#
            + #""areas":["face"],"sessions":3}"#
        let (status, saved) = try await ServeConcurrencyTests.Client(token: token).send(server.port, "POST", "/api/v1/quotes", body: body)
        #expect(server.stop() == 0)
        #expect(status == 201)
        let share = try #require(saved["share_url"] as? String)

        let database = TestPostgres.available ? try TestPostgres.createDatabase() : nil
        defer { if let database { TestPostgres.drop(database.name) } }
        let chain = database?.url ?? folder + "/chain.sqlite"
        let copied = try Binary.run(["ledger", "copy", clinic, chain])
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stderr.contains("with 1 client link, 1 client contact and "), "\(copied.stderr)")
        let bare = try Binary.run(["ledger", "copy", clinic, folder + "/accountant.sqlite", "--without-contacts"])
        #expect(bare.status == 0 && bare.stderr.contains("with 1 client link, 0 client contacts and "), "\(bare.stderr)")
        // The trail came along: the same events, in the same order (the save and its link among them).
        let trails = try [clinic, chain].map { ledger in
            let listed = try Binary.run(["audit", "list", "--format", "csv", "--ledger", ledger])
            #expect(listed.status == 0, "\(listed.stderr)")
            // CSV lines end in CRLF, one Character: split on any line break; each line without its id.
            return listed.stdout.split(whereSeparator: \.isNewline).dropFirst().map { $0.drop(while: { $0 != "," }) }
        }
        #expect(trails[0] == trails[1], "\(trails)")
        #expect(trails[0].contains { $0.contains("quote-saved") } && trails[0].contains { $0.contains("link-created") }, "\(trails)")

        let moved = try ServeTests.Server(ledger: chain)
        defer { _ = moved.stop() }
        let page = try await URLSession(configuration: .ephemeral).data(from: URL(string: "http://127.0.0.1:\(moved.port)\(share)")!)
        #expect((page.1 as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: page.0, as: UTF8.self).contains("Ana Link"))
    }

    @Test("a SQLite ledger copied into a new file, and that one into another, lists, reports and shows the same")
    func roundTrip() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let a = folder + "/a.sqlite", b = folder + "/b.sqlite", c = folder + "/c.sqlite"
        try Self.fill(a, in: folder)
        let original = try Self.views(a, in: folder)
        #expect(original[0].split(separator: "\n").count > 500)
        let first = try Binary.run(["ledger", "copy", a, b])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("copied ") && first.stderr.contains("with 0 client links, 0 client contacts and ")
                && first.stderr.contains("counts and totals checked"), "\(first.stderr)")
        #expect(try Self.views(b, in: folder) == original)
        #expect(try Binary.run(["ledger", "copy", b, c]).status == 0)
        #expect(try Self.views(c, in: folder) == original)
        // The copy numbers on from the same ids.
        let next = try Binary.run(["quote", "--pricing", Binary.example("pricing.toml"), "--location", "downtown", "--tier", "senior",
                                   "--areas", "face", "--sessions", "3", "--date", "2026-11-01", "--save", "--ledger", c, "--format", "json"])
        let last = original[0].split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first }
            .filter { $0.hasPrefix("Q-2026-") }.max()!
        let expected = "Q-2026-" + String(format: "%06d", Int(last.dropFirst(7))! + 1)
        #expect(next.stdout.contains("\"quote_id\": \"\(expected)\""), "\(next.stdout)")
    }

    @Test("a target that holds quotes is refused, named, and left as it was", arguments: ["quotes", "the same file"])
    func nonEmptyTarget(kind: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let a = folder + "/a.sqlite", b = folder + "/b.sqlite"
        _ = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                            "--output", folder + "/x.csv", "--save", "--ledger", a])
        if kind == "quotes" {
            _ = try Binary.run(["quote", "--pricing", Binary.example("pricing.toml"), "--location", "downtown", "--tier", "senior",
                                "--areas", "face", "--sessions", "3", "--date", "2026-11-01", "--save", "--ledger", b])
            let before = try Data(contentsOf: URL(fileURLWithPath: b))
            let r = try Binary.run(["ledger", "copy", a, b])
            #expect(r.status == 1)
            #expect(r.stderr == "spaquote: \(b): the ledger already holds 1 quote; copy into an empty ledger (nothing was copied)\n")
            #expect(try Data(contentsOf: URL(fileURLWithPath: b)) == before)
        } else {
            let before = try Data(contentsOf: URL(fileURLWithPath: a))
            let r = try Binary.run(["ledger", "copy", a, folder + "/./a.sqlite"])
            #expect(r.status == 64 && r.stderr.contains("cannot be copied into itself"), "\(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == before)
        }
    }

    @Test("a source that is missing or not a ledger is named as FROM; nothing is created for TO",
          arguments: ["missing.sqlite", "not-a-ledger.txt"])
    func badSource(name: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        if name.hasSuffix(".txt") { try "hello\n".write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        let r = try Binary.run(["ledger", "copy", name, "to.sqlite"], in: folder)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("spaquote: \(name): ") && r.stderr.contains("That is the ledger given as FROM"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: folder + "/to.sqlite"))
    }
}
