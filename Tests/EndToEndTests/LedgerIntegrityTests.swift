import Foundation
import Testing

/// A ledger file made for these tests: a real one (saved by the binary), damaged or not,
/// or another program's file.
enum LedgerFile: String, CaseIterable, Sendable, CustomStringConvertible {
    case otherProgramsTable, otherApplicationID, otherUserVersion
    case text, zeros, pngHeader
    case truncated
    case garbageInHeaderPage, garbageInMiddle, garbageInLastPage

    var description: String { rawValue }

    /// Whether the refusal says "not a spaquote ledger" (else "the ledger is damaged").
    var foreign: Bool { ![.truncated, .garbageInHeaderPage, .garbageInMiddle, .garbageInLastPage].contains(self) }

    /// Makes the file at `path`.
    func make(at path: String) throws {
        func python(_ sql: String) throws {
            #expect(shell("python3 -c \"import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()\" '\(path)' \"\(sql)\"") == 0)
        }
        switch self {
        case .otherProgramsTable: try python("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');")
        case .otherApplicationID: try python("PRAGMA application_id = 1196444487; CREATE TABLE gpkg_contents (table_name TEXT);")
        case .otherUserVersion: try python("PRAGMA user_version = 7; CREATE TABLE settings (k TEXT, v TEXT);")
        case .text: try Data("request_id,client\nR1,Ana\n".utf8).write(to: URL(fileURLWithPath: path))
        case .zeros: try Data(count: 32_768).write(to: URL(fileURLWithPath: path))
        case .pngHeader: try (Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Self.garbage(4_000, seed: 1)).write(to: URL(fileURLWithPath: path))
        default:
            try Self.realLedger(at: path)
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.count >= 8 * 16_384)
            switch self {
            case .truncated: bytes = bytes.prefix(bytes.count / 2 + 700)
            case .garbageInHeaderPage: bytes.replaceSubrange(100..<8_292, with: Self.garbage(8_192, seed: 2))
            case .garbageInMiddle:
                // From the start of the middle page (16 KiB pages): the second half of a page
                // may be unused (an empty table's root page), where garbage is no damage.
                let middle = bytes.count / 2 / 16_384 * 16_384
                bytes.replaceSubrange(middle..<middle + 8_192, with: Self.garbage(8_192, seed: 3))
            default: bytes.replaceSubrange(bytes.count - 8_192..<bytes.count, with: Self.garbage(8_192, seed: 4))
            }
            try bytes.write(to: URL(fileURLWithPath: path))
        }
    }

    /// A ledger the binary saved: a few hundred generated requests.
    static func realLedger(at path: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var generator = RequestGenerator(seed: 5)
        try generator.csv(rows: 600).write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), folder + "/r.csv", "--output", folder + "/q.csv",
                                "--save", "--ledger", path, "--date", "2026-11-01"])
        #expect(r.status == 3, "\(r.stderr)")
    }

    static func garbage(_ count: Int, seed: UInt64) -> Data {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15, out = Data(capacity: count)
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        return out
    }
}

@Suite("Ledger integrity, end to end: other files and damaged ledgers are refused and left as they were")
struct LedgerIntegrityEndToEndTests {
    /// The files in `folder` and their bytes.
    static func snapshot(_ folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            out[name] = FileManager.default.contents(atPath: folder + "/" + name) ?? Data()
        }
        return out
    }

    /// The commands that write to the ledger, writing any output into `out`.
    static func writingCommands(ledger: String, out: String) -> [[String]] {
        let pricing = Binary.example("pricing.toml")
        return [
            ["quote", "--pricing", pricing, "--location", "downtown", "--tier", "senior", "--areas", "face", "--sessions", "3",
             "--date", "2026-11-01", "--save", "--ledger", ledger],
            ["batch", "--pricing", pricing, Binary.example("requests.csv"), "--output", out + "/q.csv", "--save", "--ledger", ledger],
            ["ledger", "accept", "Q-2026-000001", "--on", "2026-11-05", "--force", "--ledger", ledger],
            ["ledger", "decline", "Q-2026-000002", "--ledger", ledger],
        ]
    }

    static func readingCommands(ledger: String, out: String) -> [[String]] {
        [["ledger", "list", "--ledger", ledger], ["ledger", "show", "Q-2026-000001", "--ledger", ledger],
         ["report", "monthly", "--from", "2026-11", "--to", "2027-06", "--output", out + "/m.csv", "--ledger", ledger]]
    }

    @Test("quote --save, batch --save, ledger accept and decline refuse the file; it is left byte for byte, with no journal",
          arguments: LedgerFile.allCases)
    func writesRefused(file: LedgerFile) throws {
        let folder = Binary.temporaryFolder(), out = Binary.temporaryFolder()
        defer { for f in [folder, out] { try? FileManager.default.removeItem(atPath: f) } }
        let ledger = folder + "/l.sqlite"
        try file.make(at: ledger)
        let before = Self.snapshot(folder)
        for args in Self.writingCommands(ledger: ledger, out: out) {
            let r = try Binary.run(args)
            #expect(r.status == 1, "\(args[0]) \(args[1]): \(r.stderr)")
            #expect(r.stderr.contains(ledger + ": " + (file.foreign ? "not a spaquote ledger" : "the ledger is damaged")), "\(r.stderr)")
            #expect(r.stderr.contains(file.foreign ? "choose another ledger" : "restore it from a backup"), "\(r.stderr)")
            #expect(Self.snapshot(folder) == before, "\(args[0]) \(args[1]) changed \(file)")
        }
        #expect(Self.snapshot(out).isEmpty)   // no output written either
    }

    @Test("ledger list, show and report monthly refuse another program's file; a damaged ledger is a clear error, not a crash",
          arguments: LedgerFile.allCases)
    func readsRefused(file: LedgerFile) throws {
        let folder = Binary.temporaryFolder(), out = Binary.temporaryFolder()
        defer { for f in [folder, out] { try? FileManager.default.removeItem(atPath: f) } }
        let ledger = folder + "/l.sqlite"
        try file.make(at: ledger)
        let before = Self.snapshot(folder)
        // What the reads give on the ledger before it was damaged: a read that succeeds on
        // the damaged one must give exactly that (no quote left out silently).
        let intact = Binary.temporaryFolder(), intactOut = Binary.temporaryFolder()
        defer { for f in [intact, intactOut] { try? FileManager.default.removeItem(atPath: f) } }
        var reference: [Binary.Result] = []
        if !file.foreign {
            try LedgerFile.realLedger(at: intact + "/l.sqlite")
            reference = try Self.readingCommands(ledger: intact + "/l.sqlite", out: intactOut).map { try Binary.run($0) }
        }
        for (n, args) in Self.readingCommands(ledger: ledger, out: out).enumerated() {
            let r = try Binary.run(args)
            if file.foreign || file == .truncated || file == .garbageInHeaderPage {
                #expect(r.status == 1, "\(args[0]) \(args[1]): \(r.stderr)")
                #expect(r.stderr.contains(ledger + ": " + (file.foreign ? "not a spaquote ledger" : "the ledger is damaged")), "\(r.stderr)")
            } else if r.status != 0 {
                // Damage a read may or may not reach (ledger show reads one quote): never a
                // crash, and the message names the ledger and what to do.
                #expect(r.status == 1, "\(args[0]) \(args[1]): \(r.stderr)")
                #expect(r.stderr.contains(ledger + ": ") && r.stderr.contains("restore it from a backup"), "\(r.stderr)")
            } else {
                // Damage the read never reached: the same output as the intact ledger's.
                // (`ledger show` names the requests file saved from, in another temporary folder.)
                func comparable(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.contains("saved from") } }
                #expect(reference[n].status == 0 && comparable(r.stdout) == comparable(reference[n].stdout), "\(args[0]) \(args[1])")
                if args[0] == "report" {
                    #expect(FileManager.default.contents(atPath: out + "/m.csv") == FileManager.default.contents(atPath: intactOut + "/m.csv"),
                            "a report from a damaged ledger that succeeds holds every quote")
                }
            }
            #expect(Self.snapshot(folder) == before)
        }
        if file != .garbageInLastPage && file != .garbageInMiddle { #expect(Self.snapshot(out).isEmpty) }
    }

    @Test("a ledger written before the application id still works, and is marked by its next save or status change",
          arguments: ["quote", "accept", "decline"])
    func legacyLedgerMarked(command: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        let saved = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                                    "--output", folder + "/q.csv", "--save", "--ledger", ledger])
        #expect(saved.status == 0, "\(saved.stderr)")
        // As spaquote 1 and 2 left their ledgers: no application id, no user_version.
        #expect(shell("python3 -c \"import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA application_id = 0'); c.execute('PRAGMA user_version = 0'); c.commit()\" '\(ledger)'") == 0)
        #expect(Self.header(ledger) == [0, 0, 0, 0, 0, 0, 0, 0])
        let before = Self.snapshot(folder)
        let list = try Binary.run(["ledger", "list", "--ledger", ledger])
        #expect(list.status == 0 && list.stdout.contains("Q-2026-000001"), "\(list.stderr)")
        #expect(Self.snapshot(folder) == before)   // reading leaves it as it is
        // Q-2026-000005 (EX5) is quoted, so it may be accepted or declined.
        let args = command == "quote" ? Self.writingCommands(ledger: ledger, out: folder)[0]
            : command == "accept" ? ["ledger", "accept", "Q-2026-000005", "--on", "2026-12-05", "--ledger", ledger]
            : ["ledger", "decline", "Q-2026-000005", "--ledger", ledger]
        let r = try Binary.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        // application_id 0x53505154 ("SPQT") and user_version 6 (the schema version).
        #expect(Self.header(ledger) == [0, 0, 0, 6, 0x53, 0x50, 0x51, 0x54])
    }

    /// user_version (4 bytes at 60) and application_id (4 bytes at 68) of the file's header.
    static func header(_ path: String) -> [UInt8] {
        let b = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        guard b.count >= 100 else { return [] }
        return Array(b[60..<64] + b[68..<72])
    }

    @Test("a quote whose row does not decode: show, list, accept and report monthly fail naming it, the column and the value",
          arguments: [("quote_date", "'2026-02-30'"), ("status", "'maybe'"), ("total", "'abc'"), ("session_dates", "'2026-11-01 10000-01-01'"),
                      ("accepted_on", "'0000-01-01'")])
    func unreadableRow(column: String, value: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        let saved = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                                    "--output", folder + "/q.csv", "--save", "--ledger", ledger])
        #expect(saved.status == 0, "\(saved.stderr)")
        // EX1 (Q-2026-000001) is accepted; change one of its columns from outside spaquote.
        #expect(shell("python3 -c \"import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA ignore_check_constraints = ON'); c.execute(sys.argv[2]); c.commit()\" '\(ledger)' \"UPDATE quote SET \(column) = \(value) WHERE quote_id = 'Q-2026-000001'\"") == 0)
        let before = Self.snapshot(folder)
        let shown = value.replacingOccurrences(of: "\"", with: "")
        for args in [["ledger", "show", "Q-2026-000001"], ["ledger", "list"], ["ledger", "accept", "Q-2026-000001", "--on", "2026-11-02", "--force"],
                     ["report", "monthly", "--from", "2026-11", "--to", "2027-05", "--output", folder + "/m.csv"],
                     ["report", "monthly", "--from", "2026-11", "--to", "2027-05", "--output", folder + "/m.xlsx"]] {
            let r = try Binary.run(args + ["--ledger", ledger])
            #expect(r.status == 1, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("\(ledger): quote Q-2026-000001: column \(column) holds \(shown)"), "\(args): \(r.stderr)")
            #expect(r.stderr.contains("restore it from a backup"))
        }
        // No report written, the ledger as it was.
        let after = Self.snapshot(folder)
        #expect(after == before, "no file written, not even a hidden temporary one: \(after.keys.sorted())")
        // The other quotes still show.
        #expect(try Binary.run(["ledger", "show", "Q-2026-000002", "--ledger", ledger]).status == 0)
    }
}
