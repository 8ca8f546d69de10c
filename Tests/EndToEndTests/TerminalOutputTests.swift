import Foundation
import Testing

/// What spaquote prints to a terminal: hostile text from a CSV, a rate card or the command
/// line is shown inert (control characters as `\u{HEX}`), and tables line up by display width.
@Suite("Terminal output, end to end")
struct TerminalOutputTests {
    struct Hostile: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var testDescription: String { name }
    }

    /// One instance of each kind of character that acts on a terminal or makes a line read
    /// differently (no NUL: it cannot be passed in an argument).
    static let hostile: [Hostile] = [
        Hostile(name: "OSC: set the terminal title", text: "\u{1B}]0;pwned\u{7}"),
        Hostile(name: "CSI: clear the screen", text: "\u{1B}[2J\u{1B}[H"),
        Hostile(name: "BEL", text: "ding\u{7}"),
        Hostile(name: "backspaces over the name", text: "Ana\u{8}\u{8}\u{8}Eve"),
        Hostile(name: "carriage return", text: "Ana\rEve"),
        Hostile(name: "line feed forging a line", text: "Ana\nspaquote: forged"),
        Hostile(name: "DEL", text: "Ana\u{7F}"),
        Hostile(name: "C1 CSI U+009B", text: "\u{9B}2J"),
        Hostile(name: "bidi override U+202E", text: "\u{202E}evE anA"),
        Hostile(name: "bidi isolate U+2066", text: "\u{2066}Ana\u{2069}"),
    ]

    /// Scalars that must never reach the terminal as they are.
    static func rawControls(_ s: String) -> [String] {
        s.unicodeScalars.filter { u in
            (u.value < 0x20 && u != "\n") || (0x7F...0x9F).contains(u.value)
                || (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value)
        }.map { "U+" + String($0.value, radix: 16) }
    }

    /// Both streams hold no raw control, and no line was forged by a line feed in data.
    func expectInert(_ r: Binary.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Self.rawControls(r.stdout).isEmpty, "\(what) stdout: \(Self.rawControls(r.stdout))", sourceLocation: sourceLocation)
        #expect(Self.rawControls(r.stderr).isEmpty, "\(what) stderr: \(Self.rawControls(r.stderr))", sourceLocation: sourceLocation)
        for line in (r.stdout + "\n" + r.stderr).split(separator: "\n") {
            #expect(!line.hasPrefix("spaquote: forged"), "\(what): a forged line", sourceLocation: sourceLocation)
        }
    }

    static let pricing = Binary.example("pricing.toml")
    static let base = ["quote", "--pricing", pricing, "--location", "downtown", "--tier", "senior", "--areas", "face,neck",
                       "--sessions", "3", "--date", "2026-11-01"]

    @Test("a hostile client name or request id is shown escaped in the terminal quote", arguments: hostile)
    func quoteTable(_ h: Hostile) throws {
        let r = try Binary.run(Self.base + ["--client", "Ana " + h.text, "--request-id", "R-" + h.text])
        #expect(r.status == 0, "\(r.stderr)")
        expectInert(r, "quote")
        #expect(r.stdout.contains("for Ana ") && r.stdout.contains("\\u{"), "\(r.stdout)")
        #expect(r.stdout.contains("(request R-"))
    }

    @Test("a hostile location, area, add-on or promotion code in a refused request is shown escaped", arguments: hostile)
    func refusedRequest(_ h: Hostile) throws {
        let variants: [[String]] = [
            ["quote", "--pricing", Self.pricing, "--location", "down" + h.text, "--tier", "senior", "--areas", "face", "--sessions", "3"],
            ["quote", "--pricing", Self.pricing, "--location", "downtown", "--tier", "senior", "--areas", "face," + h.text, "--sessions", "3"],
            Self.base + ["--addon", h.text],
            Self.base + ["--promo", "NEW" + h.text],
            Self.base + ["--sessions", "3" + h.text],
        ]
        for args in variants {
            let r = try Binary.run(args)
            #expect(r.status == 3, "\(args): \(r.stderr)")
            expectInert(r, "\(args)")
            #expect(r.stderr.contains("\\u{"), "\(r.stderr)")
        }
    }

    @Test("hostile names in a usage error or an unknown ledger id are shown escaped", arguments: hostile)
    func usageErrors(_ h: Hostile) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let runs: [(args: [String], status: Int32)] = [
            (["ledger", "accept", "Q-1", "--on", "2026" + h.text], 64),
            (["ledger", "list", "--status", h.text], 64),
            (["report", "monthly", "--from=2026" + h.text, "--output", "m.csv"], 64),
            (["quote", "--pricing", Self.pricing, "--location", "downtown", "--tier", "senior", "--areas", h.text + ",,face",
              "--sessions", "3"], 64),
            (["pricing", "validate", folder + "/" + h.text + ".toml"], 1),
            (["ledger", "show", "Q-" + h.text, "--ledger", folder + "/" + h.text + ".sqlite"], 1),
            (["quote", "--pri" + h.text], 64),
        ]
        for run in runs {
            let r = try Binary.run(run.args, in: folder)
            #expect(r.status == run.status, "\(run.args): \(r.stderr)")
            expectInert(r, "\(run.args)")
        }
    }

    /// A CSV field, quoted.
    static func field(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    @Test("hostile names saved by a batch are inert in its warnings, ledger list and ledger show", arguments: hostile)
    func batchAndLedger(_ h: Hostile) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let requests = folder + "/requests " + h.text + ".csv", ledger = folder + "/l.sqlite"
        let csv = "request_id,client,location,tier,areas,sessions,quote_date,\(Self.field("note " + h.text))\n"
            + "\(Self.field("R-" + h.text)),\(Self.field(h.text)),downtown,senior,face,3,2026-11-01,x\n"
            + "R2,Ana,downtown,senior,face;neck,2,2026-11-01,y\n"
        try csv.write(toFile: requests, atomically: true, encoding: .utf8)
        let batch = try Binary.run(["batch", "--pricing", Self.pricing, requests, "--output", folder + "/q.csv", "--save",
                                    "--ledger", ledger])
        #expect(batch.status == 0, "\(batch.stderr)")
        expectInert(batch, "batch")
        #expect(batch.stderr.contains("ignored 1 unknown column: note ") && batch.stderr.contains("\\u{"), "\(batch.stderr)")
        let list = try Binary.run(["ledger", "list", "--ledger", ledger])
        expectInert(list, "ledger list")
        #expect(list.stdout.split(separator: "\n").count == 4, "a header, a rule and one line a quote: \(list.stdout)")
        let show = try Binary.run(["ledger", "show", "Q-2026-000001", "--ledger", ledger])
        #expect(show.status == 0, "\(show.stderr)")
        expectInert(show, "ledger show")
        // The ledger keeps the requests file's name, not its folder (rows are known by request_id).
        #expect(show.stdout.contains("saved from requests ") && !show.stdout.contains(folder), "\(show.stdout)")
        let json = try Binary.run(["ledger", "show", "Q-2026-000001", "--format", "json", "--ledger", ledger])
        expectInert(json, "ledger show --format json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["client"] as? String == h.text, "JSON keeps the data itself")
    }

    @Test("a batch's error names a hostile file and column escaped", arguments: hostile)
    func batchErrors(_ h: Hostile) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let requests = folder + "/r" + h.text + ".csv"
        let column = Self.field("tier" + h.text)
        try "request_id,location,tier,areas,sessions,\(column),\(column)\n".write(toFile: requests, atomically: true, encoding: .utf8)
        let r = try Binary.run(["batch", "--pricing", Self.pricing, requests, "--output", folder + "/q.csv"])
        #expect(r.status == 1, "\(r.stderr)")
        expectInert(r, "batch")
        #expect(r.stderr.contains("\(folder)/r"), "\(r.stderr)")
        let missing = try Binary.run(["batch", "--pricing", Self.pricing, requests + ".missing", "--output", folder + "/q.csv"])
        #expect(missing.status == 1)
        expectInert(missing, "batch of a missing file")
    }

    /// `s` as a TOML basic string, every control and bidi character as a `\u` escape.
    static func toml(_ s: String) -> String {
        "\"" + s.unicodeScalars.map { u in
            u.value < 0x20 || (0x7F...0x9F).contains(u.value) || (0x2000...0x206F).contains(u.value) || u == "\"" || u == "\\"
                ? "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
                : String(u)
        }.joined() + "\""
    }

    @Test("pricing show, pricing validate and the quote show a hostile card, area and add-on name escaped", arguments: hostile)
    func rateCardNames(_ h: Hostile) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let card = folder + "/card.toml"
        let text = try String(contentsOfFile: Self.pricing, encoding: .utf8)
            .replacingOccurrences(of: "name = \"Microneedling rate card, winter 2026\"", with: "name = \(Self.toml("Card " + h.text))")
            .replacingOccurrences(of: "name = \"Neck\"", with: "name = \(Self.toml("Neck " + h.text))")
            .replacingOccurrences(of: "name = \"Topical numbing cream\"", with: "name = \(Self.toml("Numbing " + h.text))")
        try text.write(toFile: card, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Binary.example("clinic-logo.png"), toPath: folder + "/clinic-logo.png")   // the card's [clinic] logo
        for args in [["pricing", "show", card], ["pricing", "validate", card],
                     ["quote", "--pricing", card, "--location", "downtown", "--tier", "senior", "--areas", "face,neck",
                      "--sessions", "3", "--addon", "numbing", "--date", "2026-11-01"]] {
            let r = try Binary.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            expectInert(r, "\(args)")
            #expect(r.stdout.contains("Card ") && r.stdout.contains("\\u{"), "\(r.stdout)")
        }
    }

    @Test("an invalid card with a hostile file name and key lists its problems one a line, inert", arguments: hostile)
    func invalidCard(_ h: Hostile) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let card = folder + "/card " + h.text + ".toml"
        try "schema = 1\nname = \"x\"\n\(Self.toml("key " + h.text)) = 1\n".write(toFile: card, atomically: true, encoding: .utf8)
        let r = try Binary.run(["pricing", "validate", card])
        #expect(r.status == 1)
        expectInert(r, "pricing validate")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count >= 3, "\(r.stderr)")
        #expect(lines.first?.hasPrefix("spaquote: \(folder)/card ") == true && lines.first?.hasSuffix("problems in the rate card:") == true,
                "\(r.stderr)")
        for line in lines.dropFirst() { #expect(line.hasPrefix("  \(folder)/card "), "one problem a line: \(line)") }
    }

    @Test("quote --format json keeps hostile text as data, with every control escaped", arguments: hostile)
    func json(_ h: Hostile) throws {
        let r = try Binary.run(Self.base + ["--client", h.text, "--request-id", h.text, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        expectInert(r, "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["client"] as? String == h.text)
        #expect(object["request_id"] as? String == h.text)
    }

    @Test("quote --format csv to a pipe or file is byte for byte what --output writes", arguments: hostile.prefix(3))
    func csvToPipe(_ h: Hostile) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let piped = try Binary.run(Self.base + ["--client", h.text, "--format", "csv"])
        _ = try Binary.run(Self.base + ["--client", h.text, "--output", folder + "/q.csv"])
        #expect(piped.status == 0)
        #expect(piped.stdout == (try String(contentsOfFile: folder + "/q.csv", encoding: .utf8)))
    }

    /// Terminal columns of `s`, for the scripts these tests use (an oracle independent of
    /// spaquote's own table): CJK, Hangul, kana, fullwidth forms and emoji take 2,
    /// combining accents, ZWJ and VS16 take 0.
    static func columns(_ s: some StringProtocol) -> Int {
        s.reduce(0) { width, c in
            let base = c.unicodeScalars.first { !((0x300...0x36F).contains($0.value) || $0.value == 0x200D || $0.value == 0xFE0F) }
            guard let v = base?.value else { return width }
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0x1F300...0x1FAFF).contains(v)
            return width + (wide ? 2 : 1)
        }
    }

    /// Names in the scripts that misaligned tables measured in characters.
    static let names: [[String]] = [
        ["李小龍", "王芳", "Ana Ruiz"],
        ["👩‍⚕️ Dr Lee", "🌸 Sakura 🌸", "Bob"],
        ["Jose\u{301} Nun\u{303}ez", "Zoe\u{308}", "Ana"],
        ["한국어 이름", "カタカナ ナマエ", "ＦＵＬＬ"],
        ["Maximiliane Alexandra von Hohenzollern-Sigmaringen", "李", "😀"],
    ]

    @Test("ledger list lines its columns up by display width", arguments: names)
    func ledgerListAligns(_ clients: [String]) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var csv = "request_id,client,location,tier,areas,sessions,quote_date\n"
        for (i, c) in clients.enumerated() { csv += "R\(i),\(Self.field(c)),downtown,senior,face,3,2026-11-01\n" }
        try csv.write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        let saved = try Binary.run(["batch", "--pricing", Self.pricing, folder + "/r.csv", "--output", folder + "/q.csv", "--save",
                                    "--ledger", folder + "/l.sqlite"])
        #expect(saved.status == 0, "\(saved.stderr)")
        let list = try Binary.run(["ledger", "list", "--ledger", folder + "/l.sqlite"])
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.count == clients.count + 2)
        let header = try #require(lines.first)
        func column(_ cell: String, _ line: Substring) -> Int? { line.range(of: cell).map { Self.columns(line[..<$0.lowerBound]) } }
        let location = try #require(column("location", header)), status = try #require(column("status", header))
        for (line, client) in zip(lines.dropFirst(2), clients) {
            #expect(line.contains(client))
            #expect(column("downtown", line) == location, "\(line)")
            #expect(column("quoted", line) == status, "\(line)")
            #expect(Self.columns(line) == Self.columns(header) + "2026-12-01".count - "valid_until".count, "\(line)")
        }
    }

    @Test("the quote's waterfall keeps its amounts in one column with wide, accented and long add-on names",
          arguments: names.flatMap { $0 } + ["Aftercare kit: gentle cleanser, moisturizer, SPF 50, silicone scar gel and hyaluronic serum"])
    func waterfallAligns(_ name: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let card = folder + "/card.toml"
        try (try String(contentsOfFile: Self.pricing, encoding: .utf8))
            .replacingOccurrences(of: "name = \"Topical numbing cream\"", with: "name = \(Self.toml(name))")
            .write(toFile: card, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Binary.example("clinic-logo.png"), toPath: folder + "/clinic-logo.png")   // the card's [clinic] logo
        let r = try Binary.run(["quote", "--pricing", card, "--client", name, "--location", "downtown", "--tier", "senior",
                                "--areas", "face,neck", "--sessions", "3", "--addon", "numbing", "--addon", "aftercare_kit",
                                "--promo", "NEWCLIENT50", "--date", "2026-11-01"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let rule = try #require(lines.first { $0.hasPrefix("  ===") })
        let amounts = lines.filter { line in
            line.hasPrefix("  ") && line.split(separator: " ").last.map { $0.wholeMatch(of: /-?[0-9]+\.[0-9][0-9]/) != nil } == true
        }
        #expect(amounts.count == 13, "every line of the waterfall: \(amounts)")
        for line in amounts { #expect(Self.columns(line) == Self.columns(rule), "\(line)") }
        #expect(lines.allSatisfy { Self.columns($0) <= 80 || !$0.hasPrefix("  ") }, "the waterfall fits 80 columns")
        #expect(r.stdout.contains(String(name.prefix(1))))
    }
}
