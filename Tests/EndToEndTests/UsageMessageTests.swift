import Foundation
import Testing

/// Messages name what the user typed: the flag (`--on`, not `--date`), the argument
/// (`pricing validate FILE`, not `--pricing`), the list syntax (commas, not `;`).
@Suite("Usage messages name the right flag, end to end")
struct UsageMessageTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var status: Int32
        var says: [String]
        var never: [String] = []
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let pricing = Binary.example("pricing.toml")
    static let quote = ["quote", "--pricing", pricing, "--location", "downtown", "--tier", "senior", "--sessions", "3"]

    static let cases: [Case] = [
        // Typed dates, months, statuses and formats: a usage error (64) naming the option.
        Case(arguments: ["ledger", "accept", "Q-2026-000001", "--on", "2026-13-45"], status: 64,
             says: ["'2026-13-45' is invalid for '--on", "YYYY-MM-DD"], never: ["--date"]),
        Case(arguments: ["ledger", "accept", "Q-2026-000001", "--on", "2026-02-30"], status: 64, says: ["--on", "2026-02-30"], never: ["--date"]),
        Case(arguments: ["ledger", "list", "--month", "2026-13"], status: 64, says: ["--month", "'2026-13'", "YYYY-MM"]),
        Case(arguments: ["ledger", "list", "--status", "maybe"], status: 64, says: ["--status", "'maybe'", "'quoted', 'accepted' or 'declined'"]),
        Case(arguments: ["ledger", "show", "Q-2026-000001", "--format", "xml"], status: 64, says: ["--format", "'xml'", "'table'", "'json'"]),
        Case(arguments: ["report", "monthly", "--from", "2026-13", "--output", "m.csv"], status: 64, says: ["'2026-13' is invalid for '--from"], never: ["invalid for '--to"]),
        Case(arguments: ["report", "monthly", "--from", "2026-03", "--to", "2026-1", "--output", "m.csv"], status: 64,
             says: ["--to", "'2026-1'"]),
        Case(arguments: ["report", "monthly", "--from", "2026-05", "--to", "2026-03", "--output", "m.csv"], status: 64,
             says: ["--to 2026-03 is before --from 2026-05"]),
        Case(arguments: ["batch", "--pricing", pricing, "r.csv", "--output", "q.csv", "--date", "2026-02-30"], status: 64,
             says: ["--date", "'2026-02-30'"]),
        Case(arguments: quote + ["--areas", "face", "--start", "2026-02-30"], status: 64, says: ["--start", "'2026-02-30'"], never: ["start_date"]),
        Case(arguments: quote + ["--areas", "face", "--status", "accepted", "--accepted-on", "yesterday"], status: 64,
             says: ["--accepted-on", "'yesterday'"], never: ["accepted_on"]),
        Case(arguments: quote + ["--areas", "face", "--status", "maybe"], status: 64, says: ["--status", "'maybe'"]),
        Case(arguments: quote + ["--areas", "face", "--date", "11/01/2026"], status: 64, says: ["--date", "'11/01/2026'"], never: ["quote_date"]),
        // The areas list is comma separated on the command line.
        Case(arguments: quote + ["--areas", "face,,neck"], status: 64, says: ["--areas 'face,,neck'", "commas"], never: ["';'", "face;;neck"]),
        Case(arguments: quote + ["--areas", ",face"], status: 64, says: ["--areas ',face'", "commas"], never: ["';'"]),
        Case(arguments: quote + ["--areas", "face,"], status: 64, says: ["--areas 'face,'", "commas"], never: ["';'"]),
        Case(arguments: quote + ["--areas", "face, ,neck"], status: 64, says: ["--areas 'face, ,neck'"], never: ["';'"]),
        Case(arguments: quote + ["--areas", "face,neck,face", "--date", "2026-11-01"], status: 3,
             says: ["--areas 'face,neck,face'", "'face' twice"], never: ["face;neck"]),
        Case(arguments: quote + ["--areas", "face", "--addon", ""], status: 64, says: ["--addon"], never: ["';'"]),
        Case(arguments: quote + ["--areas", "face", "--addon", "numbing", "--addon", "numbing", "--date", "2026-11-01"], status: 3,
             says: ["--addon 'numbing' --addon 'numbing'", "'numbing' twice"], never: ["numbing;numbing"]),
        // A rate card is named by how it was given.
        Case(arguments: ["pricing", "validate", "/nonexistent.toml"], status: 1, says: ["/nonexistent.toml", "pricing validate"], never: ["--pricing"]),
        Case(arguments: ["pricing", "show", "/nonexistent.toml"], status: 1, says: ["/nonexistent.toml", "pricing show"], never: ["--pricing"]),
        Case(arguments: ["quote", "--pricing", "/nonexistent.toml", "--location", "downtown", "--tier", "senior", "--areas", "face",
                         "--sessions", "3"], status: 1, says: ["/nonexistent.toml", "--pricing"]),
        Case(arguments: ["batch", "--pricing", "/nonexistent.toml", "r.csv", "--output", "q.csv"], status: 1, says: ["/nonexistent.toml", "--pricing"]),
    ]

    @Test("each message names the flag or argument the user typed", arguments: cases)
    func namesTheFlag(_ c: Case) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try Binary.run(c.arguments, in: folder)
        #expect(r.status == c.status, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        for text in c.says { #expect(r.stderr.contains(text), "missing \(text): \(r.stderr)") }
        for text in c.never { #expect(!r.stderr.contains(text), "should not say \(text): \(r.stderr)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "a refused command writes nothing")
    }

    @Test("typed values are still accepted as before", arguments: [
        quote + ["--areas", "face, neck", "--status", "Accepted", "--accepted-on", "2026-11-03", "--date", "2026-11-01", "--format", "json"],
        quote + ["--areas", "face", "--start", "2026-11-02", "--date", "2026-11-01", "--format", "json"],
        quote + ["--areas=face,neck", "--date=2026-11-01", "--status=declined", "--format", "json"],
    ])
    func typedValuesWork(_ arguments: [String]) throws {
        let r = try Binary.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"quote_id\""))
    }

    @Test("--version prints the version, from the top command or any subcommand", arguments: [
        ["--version"], ["quote", "--version"], ["ledger", "list", "--version"], ["report", "monthly", "--version"],
    ])
    func version(_ arguments: [String]) throws {
        let r = try Binary.run(arguments)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "0.12.0\n")
        #expect(r.stderr.isEmpty)
        #expect(r.stdout.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+\n/) != nil)
    }

    @Test("help is printed whole, and lists --version")
    func help() throws {
        let r = try Binary.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("OVERVIEW: Price microneedling") && r.stdout.contains("--version"))
        let none = try Binary.run([])
        #expect(none.status == 0 && none.stdout.contains("SUBCOMMANDS:"))
        let sub = try Binary.run(["ledger", "accept", "--help"])
        #expect(sub.stdout.contains("--on <YYYY-MM-DD>"))
    }
}
