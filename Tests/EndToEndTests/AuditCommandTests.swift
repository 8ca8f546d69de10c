import Foundation
import Testing

/// `audit list` and `ledger show`'s history, through the binary: every command that
/// changes the ledger leaves its event, by the command line's operating-system user.
@Suite("spaquote audit list and ledger show's history, end to end")
struct AuditCommandTests {
    /// The operating-system user the binary runs as.
    static var osUser: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? ""
    }

    /// A ledger where a batch, a quote, an acceptance, a decline and an account's changes were recorded.
    static func ledger() throws -> (folder: String, ledger: String) {
        let folder = Binary.temporaryFolder(), ledger = folder + "/l.sqlite"
        let batch = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                                    "--output", folder + "/saved.csv", "--save", "--ledger", ledger])
        #expect(batch.status == 0, "\(batch.stderr)")
        let quote = ["quote", "--pricing", Binary.example("pricing.toml"), "--location", "uptown", "--tier", "senior",
                     "--areas", "face", "--sessions", "3", "--date", "2026-11-01", "--save", "--ledger", ledger]
        #expect(try Binary.run(quote).status == 0)   // Q-2026-000006
        #expect(try Binary.run(quote).status == 0)   // Q-2026-000007
        #expect(try Binary.run(["ledger", "accept", "Q-2026-000006", "--on", "2026-11-10", "--ledger", ledger]).status == 0)
        #expect(try Binary.run(["ledger", "decline", "Q-2026-000007", "--ledger", ledger]).status == 0)
        // A refused change records nothing.
        #expect(try Binary.run(["ledger", "accept", "Q-2026-000007", "--ledger", ledger]).status == 1)
        let password = UserCommandTests.password + "\n"
        #expect(try UserCommandTests.run(["user", "add", "ana", "--role", "manager", "--locations", "uptown", "--ledger", ledger], input: password).status == 0)
        #expect(try UserCommandTests.run(["user", "token", "ana", "--ledger", ledger]).status == 0)
        #expect(try UserCommandTests.run(["user", "token", "ana", "--revoke-all", "--ledger", ledger]).status == 0)
        #expect(try UserCommandTests.run(["user", "password", "ana", "--ledger", ledger], input: password).status == 0)
        #expect(try UserCommandTests.run(["user", "disable", "ana", "--ledger", ledger]).status == 0)
        #expect(try UserCommandTests.run(["user", "list", "--ledger", ledger]).status == 0)   // reading records nothing
        return (folder, ledger)
    }

    /// `audit list --format json ARGS` as objects.
    static func events(_ ledger: String, _ arguments: [String] = []) throws -> [[String: Any]] {
        let r = try Binary.run(["audit", "list", "--ledger", ledger, "--format", "json"] + arguments)
        #expect(r.status == 0, "\(r.stderr)")
        return try r.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test("each command that changes the ledger leaves one event: what, which quote, the command line's OS user, no address")
    func everyCommandRecorded() throws {
        let (folder, ledger) = try Self.ledger()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let events = try Self.events(ledger)
        #expect(events.map { $0["action"] as? String } == ["batch-saved", "quote-saved", "quote-saved", "quote-accepted", "quote-declined",
                                                            "user-added", "user-changed", "user-changed", "user-changed", "user-disabled"])
        #expect(events.map { $0["quote"] as? String } == [nil, "Q-2026-000006", "Q-2026-000007", "Q-2026-000006", "Q-2026-000007",
                                                           nil, nil, nil, nil, nil])
        #expect(events.map { $0["id"] as? Int } == Array(1...10))
        for e in events {
            #expect(e["actor_kind"] as? String == "command-line" && e["actor"] as? String == Self.osUser, "\(e)")
            #expect(e["address"] is NSNull)
            let time = try #require(e["time"] as? String)
            #expect(time.count == 20 && time.hasSuffix("Z") && time.dropFirst(10).first == "T", "\(time)")
        }
        #expect(events[0]["detail"] as? String == "saved 5 quotes of 5 rows (0 rejected) from requests.csv")
        #expect(events[3]["detail"] as? String == "accepted on 2026-11-10")
        #expect(events[1]["location"] as? String == "uptown")
        #expect((events[5...].map { $0["detail"] as? String ?? "" }) == [
            "ana: manager at uptown", "ana: API token issued", "ana: 1 API token revoked", "ana: password set, sessions ended",
            "ana: disabled, sessions ended"])
    }

    @Test("--quote, --user and --since filter, alone and together; text and CSV list the same events")
    func filters() throws {
        let (folder, ledger) = try Self.ledger()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try Self.events(ledger, ["--quote", "Q-2026-000006"]).map { $0["action"] as? String } == ["quote-saved", "quote-accepted"])
        #expect(try Self.events(ledger, ["--quote", "Q-2026-000001"]).isEmpty)   // saved by the batch: its event names no quote
        #expect(try Self.events(ledger, ["--user", Self.osUser]).count == 10)
        #expect(try Self.events(ledger, ["--user", "ana"]).isEmpty)              // ana did nothing herself
        #expect(try Self.events(ledger, ["--user", "' OR '1'='1"]).isEmpty)
        #expect(try Self.events(ledger, ["--since", "2000-01-01"]).count == 10)
        #expect(try Self.events(ledger, ["--since", "2999-01-01"]).isEmpty)
        #expect(try Self.events(ledger, ["--since", "2000-01-01", "--user", Self.osUser, "--quote", "Q-2026-000007"]).count == 2)
        let csv = try Binary.run(["audit", "list", "--ledger", ledger, "--format", "csv", "--quote", "Q-2026-000007"])
        let records = SimpleCSV.records(csv.stdout)
        #expect(records.map { $0["action"] } == ["quote-saved", "quote-declined"])
        #expect(records.allSatisfy { $0["actor"] == "command line (\(Self.osUser))" && $0["quote"] == "Q-2026-000007" })
        let text = try Binary.run(["audit", "list", "--ledger", ledger, "--user", Self.osUser])
        #expect(text.status == 0 && text.stderr.contains("10 events"))
        #expect(text.stdout.split(separator: "\n").count == 12)   // heading, rule, ten events
        let empty = try Binary.run(["audit", "list", "--ledger", ledger, "--format", "csv", "--user", "nobody"])
        #expect(empty.stdout == "id,time,action,actor,address,quote,detail\r\n" && empty.stderr.contains("0 events"))
    }

    @Test("ledger show prints the quote's history after it; a quote with none says so; JSON stays the quote alone")
    func showHistory() throws {
        let (folder, ledger) = try Self.ledger()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let show = try Binary.run(["ledger", "show", "Q-2026-000006", "--ledger", ledger])
        #expect(show.status == 0)
        let history = try #require(show.stdout.components(separatedBy: "History:\n").last)
        let lines = history.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[2].contains("quote-saved") && lines[2].contains("command line (\(Self.osUser))"))
        #expect(lines[3].contains("quote-accepted") && lines[3].contains("accepted on 2026-11-10"))
        let none = try Binary.run(["ledger", "show", "Q-2026-000001", "--ledger", ledger])
        #expect(none.stdout.hasSuffix("History: nothing recorded in the audit trail\n"))
        let json = try Binary.run(["ledger", "show", "Q-2026-000006", "--format", "json", "--ledger", ledger])
        #expect(!json.stdout.contains("History") && !json.stdout.contains("quote-saved"))
    }

    @Test("a bad filter value is a usage error naming the option; nothing is read", arguments: [
        ["--quote", "Q-26-1"], ["--quote", "'; DROP TABLE audit_event; --"], ["--since", "2026-13-01"], ["--since", "yesterday"],
        ["--format", "xml"],
    ])
    func badValues(arguments: [String]) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try Binary.run(["audit", "list", "--ledger", folder + "/none.sqlite"] + arguments)
        #expect(r.status == 64 && r.stderr.contains(arguments[0]), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/none.sqlite"))
    }
}
