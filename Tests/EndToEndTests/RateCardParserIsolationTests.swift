import Foundation
import Testing

/// The rate card's TOML tried in a child process (`ParserInChildProcess`, started with
/// posix_spawn): text on which TOMLKit's parser aborts (found by fuzzing) is a syntax error
/// at its line, from every command that loads a card, and the command itself lives on.
@Suite("Rate cards the TOML parser aborts on, tried in a child process")
struct RateCardParserIsolationTests {
    static let broken = Binary.packageRoot.appendingPathComponent("Tests/PricingTests/Fixtures/broken").path

    /// `text` in a new file; its path.
    static func file(_ text: String) throws -> String {
        let path = Binary.temporaryFolder() + "/card.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("pricing validate answers a syntax error naming the file and the line the parser aborts at (fuzzing's inputs)", arguments: [
        ("fuzz-table-header-comment", 11 as Int?), ("fuzz-value-terminator", nil),
    ])
    func fuzzFixtures(name: String, line: Int?) throws {
        let path = Self.broken + "/\(name).toml"
        let r = try Binary.run(["pricing", "validate", path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("the TOML parser cannot read this line"))
        #expect(r.stderr.contains(line.map { "\(path):\($0):" } ?? "\(path):"))
    }

    @Test("table headers the parser aborts on are reported at their line", arguments: [
        ("schema = 1\n[# Example]\n", 2), ("a = 1\n  [[ #x]]\n", 2), ("# a comment\n\n\nx = 1\n[#]\n", 5),
    ])
    func abortingHeaders(text: String, line: Int) throws {
        let path = try Self.file(text)
        let r = try Binary.run(["pricing", "validate", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(path):\(line):1: not valid TOML: the TOML parser cannot read this line"))
    }

    @Test("every command that loads a rate card refuses it the same way, serve before it listens", arguments: [
        ["pricing", "show"], ["quote", "--location", "downtown", "--tier", "senior", "--areas", "face", "--sessions", "3", "--start", "2026-11-02", "--client", "Ana", "--pricing"],
        ["serve", "--port", "0", "--ledger", "LEDGER", "--pricing"],
    ])
    func everyLoader(command: [String]) throws {
        let path = try Self.file("schema = 1\n[# Example]\n")
        let ledger = Binary.temporaryFolder() + "/ledger.sqlite"
        let r = try Binary.run(command.map { $0 == "LEDGER" ? ledger : $0 } + [path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(path):2:1: not valid TOML: the TOML parser cannot read this line"))
        #expect(!r.stderr.contains("listening"))
    }

    @Test("valid TOML with brackets and # in values, strings and comments is read as before")
    func quiet() throws {
        let text = try String(contentsOfFile: Binary.example("pricing.toml"), encoding: .utf8)
        let path = try Self.file(text + "\n# [# a comment\n[extra]\nx = [\n  [ # nested\n  1 ],\n]\ns = \"\"\"\n[# in a string\n\"\"\"\n")
        let r = try Binary.run(["pricing", "validate", path])
        #expect(r.stderr.contains("extra"))          // an unknown table: a problem of the card, not of the parser
        #expect(!r.stderr.contains("cannot read this line"))
    }
}
