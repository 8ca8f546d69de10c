import Foundation
import Testing

/// `--ledger` and `$SPAQUOTE_LEDGER` take a PostgreSQL URL; without a server to reach,
/// every command fails with one line naming the host and database, never the password.
@Suite("PostgreSQL URLs, without a server")
struct PostgresURLEndToEndTests {
    /// Port 1 on loopback: nothing listens there, the connection is refused at once.
    static let urls = ["postgresql://clerk:secret@127.0.0.1:1/chain", "postgres://clerk:secret@127.0.0.1:1/chain",
                       "POSTGRESQL://clerk:secret@127.0.0.1:1/chain?sslmode=disable"]

    static func commands(_ folder: String) -> [[String]] {
        let pricing = Binary.example("pricing.toml")
        return [
            ["ledger", "list"],
            ["ledger", "show", "Q-2026-000001"],
            ["ledger", "accept", "Q-2026-000001", "--on", "2026-11-05"],
            ["ledger", "decline", "Q-2026-000001"],
            ["report", "monthly", "--from", "2026-11", "--output", folder + "/m.csv"],
            ["quote", "--pricing", pricing, "--location", "downtown", "--tier", "senior", "--areas", "face", "--sessions", "3",
             "--save", "--output", folder + "/q.json"],
            ["batch", "--pricing", pricing, Binary.example("requests.csv"), "--output", folder + "/b.csv", "--save"],
        ]
    }

    static func expectOneLine(_ r: Binary.Result, _ context: String) {
        #expect(r.status == 1, "\(context): \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(context)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(context): \(r.stderr)")
        #expect(r.stderr.hasPrefix("spaquote: "), "\(context): \(r.stderr)")
        #expect(r.stderr.contains("127.0.0.1") && r.stderr.contains("chain"), "\(context): \(r.stderr)")
        #expect(!r.stderr.contains("secret") && !r.stdout.contains("secret"), "\(context): \(r.stderr)")
    }

    @Test("every command given an unreachable PostgreSQL ledger with --ledger fails in one line, no password, no output left",
          arguments: urls)
    func withOption(url: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for command in Self.commands(folder) {
            let r = try Binary.run(command + ["--ledger", url], in: folder)
            Self.expectOneLine(r, command.prefix(2).joined(separator: " "))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "\(command)")
        }
    }

    @Test("the same through $SPAQUOTE_LEDGER, with the password also in PGPASSWORD", arguments: [urls[0]])
    func withEnvironment(url: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for command in Self.commands(folder) {
            let r = try Binary.run(command, in: folder, environment: ["SPAQUOTE_LEDGER": url, "PGPASSWORD": "secret"])
            Self.expectOneLine(r, command.prefix(2).joined(separator: " "))
        }
    }

    @Test("ledger copy to or from an unreachable PostgreSQL ledger fails in one line; a SQLite target is not created",
          arguments: [true, false])
    func copy(fromPostgres: Bool) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        if !fromPostgres {
            _ = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                                "--output", folder + "/x.csv", "--save", "--ledger", folder + "/a.sqlite"])
        }
        let args = fromPostgres ? ["ledger", "copy", Self.urls[0], folder + "/b.sqlite"] : ["ledger", "copy", folder + "/a.sqlite", Self.urls[0]]
        let r = try Binary.run(args)
        Self.expectOneLine(r, "ledger copy")
        #expect(!FileManager.default.fileExists(atPath: folder + "/b.sqlite"))
    }
}
