import Foundation
import Testing

/// Outputs never destroy an input or each other, and replace a file as it was: same
/// permissions, through its symbolic link, in the format its name says, with nothing left
/// behind by a failure or a killed run.
@Suite("Output safety: outputs that are inputs, formats, permissions, links and leftovers")
struct OutputSafetyTests {
    // MARK: A workspace

    enum Setup: Sendable {
        case symlink(String, to: String)
        case hardLink(String, to: String)
        case write(String, String)
    }

    /// A ledger holding the example quotes, made once and copied into each workspace.
    static let ledgerBytes: Data = {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try? Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                             "--output", "saved.csv", "--save", "--ledger", "l.sqlite"], in: folder)
        return FileManager.default.contents(atPath: folder + "/l.sqlite") ?? Data()
    }()

    /// A folder with the rate card `p.toml`, the requests `r.csv`, an empty `sub/`, the
    /// ledger `l.sqlite` when asked for, and `setup` done in it.
    static func workspace(ledger: Bool = false, _ setup: [Setup] = []) throws -> String {
        let folder = Binary.temporaryFolder()
        try FileManager.default.copyItem(atPath: Binary.example("pricing.toml"), toPath: folder + "/p.toml")
        try FileManager.default.copyItem(atPath: Binary.example("clinic-logo.png"), toPath: folder + "/clinic-logo.png")   // the card's [clinic] logo
        try FileManager.default.copyItem(atPath: Binary.example("requests.csv"), toPath: folder + "/r.csv")
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: false)
        if ledger {
            try #require(!ledgerBytes.isEmpty, "could not make the example ledger")
            _ = FileManager.default.createFile(atPath: folder + "/l.sqlite", contents: ledgerBytes)
        }
        for step in setup {
            switch step {
            case let .symlink(name, target): try FileManager.default.createSymbolicLink(atPath: folder + "/" + name, withDestinationPath: target)
            case let .hardLink(name, target): try FileManager.default.linkItem(atPath: folder + "/" + target, toPath: folder + "/" + name)
            case let .write(name, text): try text.write(toFile: folder + "/" + name, atomically: false, encoding: .utf8)
            }
        }
        return folder
    }

    /// Every entry under `folder` with its bytes (a link by its target, a folder by a mark).
    static func snapshot(_ folder: String) -> [String: Data] {
        var all: [String: Data] = [:]
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []
        for name in names {
            let path = folder + "/" + name
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                all[name] = Data("link -> \(target)".utf8)
            } else {
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                all[name] = isFolder.boolValue ? Data("folder".utf8) : FileManager.default.contents(atPath: path)
            }
        }
        return all
    }

    static func batch(_ extra: [String]) -> [String] { ["batch", "--pricing", "p.toml", "r.csv", "--date", "2026-11-02"] + extra }
    static func quote(_ extra: [String]) -> [String] {
        ["quote", "--pricing", "p.toml", "--location", "downtown", "--tier", "senior", "--areas", "face", "--sessions", "3",
         "--date", "2026-11-02"] + extra
    }
    static func report(_ extra: [String]) -> [String] { ["report", "monthly", "--from", "2026-11", "--to", "2027-05", "--ledger", "l.sqlite"] + extra }

    // MARK: Outputs that are the same file as an input or another output

    struct Collision: CustomTestStringConvertible, Sendable {
        var name: String
        var ledger = false
        var setup: [Setup] = []
        var arguments: [String]
        /// Both files' labels or paths, expected in the message.
        var mentions: [String]
        var environment: [String: String] = [:]
        var testDescription: String { name }
    }

    /// The ways to spell `file` (in the workspace): as is, `./`, `sub/..`, a symbolic link
    /// and (for a file that exists) a hard link.
    static func spellings(of file: String, exists: Bool) -> [(name: String, path: String, setup: [Setup])] {
        var all: [(String, String, [Setup])] = [("as is", file, []), ("./", "./" + file, []), ("sub/..", "sub/../" + file, []),
                                               ("a symbolic link", "alias-" + file, [.symlink("alias-" + file, to: file)])]
        if exists { all.append(("a hard link", "hard-" + file, [.hardLink("hard-" + file, to: file)])) }
        return all
    }

    static let collisions: [Collision] = {
        var cases: [Collision] = []
        func pair(_ what: String, _ file: String, exists: Bool = true, ledger: Bool = false, before: [Setup] = [],
                  _ mentions: [String], _ arguments: @escaping (String) -> [String]) {
            for s in spellings(of: file, exists: exists) {
                cases.append(Collision(name: "\(what), by \(s.name)", ledger: ledger, setup: before + s.setup,
                                       arguments: arguments(s.path), mentions: mentions + [s.path]))
            }
        }
        let oldQuotes = Setup.write("q.csv", "quotes of an earlier run\n")
        pair("batch --rejects over --output (a rerun)", "q.csv", before: [oldQuotes], ["--rejects", "--output"]) { batch(["--output", "q.csv", "--rejects", $0]) }
        pair("batch --rejects over --output (new files)", "q.csv", exists: false, ["--rejects", "--output"]) { batch(["--output", "q.csv", "--rejects", $0]) }
        pair("batch --output over the requests file", "r.csv", ["--output", "the requests file"]) { batch(["--output", $0]) }
        pair("batch --rejects over the requests file", "r.csv", ["--rejects", "the requests file"]) { batch(["--output", "q.csv", "--rejects", $0]) }
        pair("batch --rejects over --pricing", "p.toml", ["--rejects", "--pricing"]) { batch(["--output", "q.csv", "--rejects", $0]) }
        pair("batch --output over --pricing", "p.toml", ["--output", "--pricing"]) { batch(["--output", $0]) }
        pair("quote --output over --pricing", "p.toml", ["--output", "--pricing"]) { quote(["--output", $0]) }
        pair("quote --format json --output over --pricing", "p.toml", ["--output", "--pricing"]) { quote(["--format", "json", "--output", $0]) }
        pair("report monthly --output over --ledger", "l.sqlite", ledger: true, ["--output", "--ledger"]) { report(["--output", $0]) }
        pair("batch --save --output over --ledger", "l.sqlite", ledger: true, ["--output", "--ledger"]) {
            batch(["--output", $0, "--save", "--ledger", "l.sqlite"])
        }
        pair("quote --save --output over --ledger", "l.sqlite", ledger: true, ["--output", "--ledger"]) {
            quote(["--output", $0, "--save", "--ledger", "l.sqlite"])
        }
        pair("batch: the default rejects file over the requests file (rerunning the rejects)", "q.rejects.csv",
             before: [.write("q.rejects.csv", try! String(contentsOfFile: Binary.example("requests.csv"), encoding: .utf8))],
             ["the rejects file", "the requests file", "--rejects FILE.csv"]) {
            ["batch", "--pricing", "p.toml", $0, "--output", "q.csv"]
        }
        pair("batch --save --ledger over the requests file", "r.csv", ["--ledger", "the requests file"]) {
            batch(["--output", "q.csv", "--save", "--ledger", $0])
        }
        pair("quote --save --ledger over --pricing", "p.toml", ["--ledger", "--pricing"]) { quote(["--save", "--ledger", $0]) }
        for suffix in ["-journal", "-wal", "-shm"] {
            let link = Setup.symlink("side.csv", to: "l.sqlite" + suffix)
            cases.append(Collision(name: "batch --save --output a link to the ledger's \(suffix)", ledger: true, setup: [link],
                                   arguments: batch(["--output", "side.csv", "--save", "--ledger", "l.sqlite"]),
                                   mentions: ["--output", "side.csv", "l.sqlite" + suffix, "--ledger"]))
            cases.append(Collision(name: "report monthly --output a link to the ledger's \(suffix)", ledger: true, setup: [link],
                                   arguments: report(["--output", "side.csv"]), mentions: ["--output", "l.sqlite" + suffix, "--ledger"]))
            cases.append(Collision(name: "quote --save --output a link to the ledger's \(suffix)", ledger: true,
                                   setup: [.symlink("side.json", to: "l.sqlite" + suffix)],
                                   arguments: quote(["--output", "side.json", "--save", "--ledger", "l.sqlite"]),
                                   mentions: ["--output", "l.sqlite" + suffix]))
        }
        cases.append(Collision(name: "report monthly --output over the ledger named by SPAQUOTE_LEDGER", ledger: true,
                               arguments: ["report", "monthly", "--from", "2026-11", "--output", "./l.sqlite"],
                               mentions: ["--output", "./l.sqlite", "$SPAQUOTE_LEDGER 'l.sqlite'"], environment: ["SPAQUOTE_LEDGER": "l.sqlite"]))
        cases.append(Collision(name: "quote --save --output over a new ledger named by SPAQUOTE_LEDGER",
                               arguments: quote(["--output", "l.csv", "--save"]),
                               mentions: ["--output", "$SPAQUOTE_LEDGER './l.csv'"], environment: ["SPAQUOTE_LEDGER": "./l.csv"]))
        cases.append(Collision(name: "batch --save: a new ledger over --output", arguments: batch(["--output", "n.csv", "--save", "--ledger", "./n.csv"]),
                               mentions: ["--output", "--ledger", "n.csv"]))
        return cases
    }()

    @Test("an output that is the same file as an input or another output is refused (64), naming both; nothing changes",
          arguments: collisions)
    func collision(_ c: Collision) throws {
        let folder = try Self.workspace(ledger: c.ledger, c.setup)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = Self.snapshot(folder)
        let r = try Binary.run(c.arguments, in: folder, environment: c.environment)
        #expect(r.status == 64, "\(r.stderr)")
        for m in c.mentions { #expect(r.stderr.contains(m), "\(m) not in: \(r.stderr)") }
        #expect(r.stderr.contains("is the same file as"), "\(r.stderr)")
        #expect(Self.snapshot(folder) == before, "a file was written, changed or removed")
    }

    @Test("distinct outputs beside their inputs are written as before", arguments: ["csv", "xlsx"])
    func distinctOutputs(ext: String) throws {
        let folder = try Self.workspace(ledger: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try Binary.run(Self.batch(["--output", "./q.\(ext)", "--rejects", "sub/../rj.csv", "--save", "--ledger", "l.sqlite"]), in: folder)
        // The ledger already holds the example requests (saved from the example file): under
        // the ledger-wide rule their copy r.csv saves none of them again (exit 3), and both
        // outputs are written all the same.
        #expect(r.status == 3, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/q.\(ext)") && FileManager.default.fileExists(atPath: folder + "/rj.csv"))
        let rejects = SimpleCSV.records(file: folder + "/rj.csv")
        #expect(rejects.count == 5 && rejects.allSatisfy { $0["error"]!.contains("already saved as Q-2026-") }, "\(rejects)")
    }
}

// MARK: The format follows the extension

extension OutputSafetyTests {
    struct Refusal: CustomTestStringConvertible, Sendable {
        var name: String
        var ledger = false
        var arguments: [String]
        var mentions: [String]
        var testDescription: String { name }
    }

    static let formatRefusals: [Refusal] = [
        Refusal(name: "batch --rejects r.xlsx", arguments: batch(["--output", "q.xlsx", "--rejects", "r.xlsx"]), mentions: ["--rejects 'r.xlsx'", "CSV", "r.rejects.csv"]),
        Refusal(name: "batch --rejects r.json", arguments: batch(["--output", "q.csv", "--rejects", "r.json"]), mentions: ["--rejects 'r.json'", "r.rejects.csv"]),
        Refusal(name: "batch --rejects r.txt", arguments: batch(["--output", "q.csv", "--rejects", "r.txt"]), mentions: ["--rejects 'r.txt'"]),
        Refusal(name: "batch --rejects without an extension", arguments: batch(["--output", "q.csv", "--rejects", "rejects"]), mentions: ["--rejects 'rejects'", "rejects.csv"]),
        Refusal(name: "batch --output q.json", arguments: batch(["--output", "q.json"]), mentions: ["--output", "q.json", ".csv, .xlsx"]),
        Refusal(name: "batch --output q.txt", arguments: batch(["--output", "q.txt"]), mentions: ["--output", "q.txt"]),
        Refusal(name: "batch --output without an extension", arguments: batch(["--output", "quotes"]), mentions: ["--output", "quotes"]),
        Refusal(name: "report monthly --output m.json", ledger: true, arguments: report(["--output", "m.json"]), mentions: ["--output", "m.json", ".csv, .xlsx"]),
        Refusal(name: "report monthly --output m.txt", ledger: true, arguments: report(["--output", "m.txt"]), mentions: ["--output", "m.txt"]),
        Refusal(name: "quote --format json --output q.csv", arguments: quote(["--format", "json", "--output", "q.csv"]),
                mentions: ["--format json", "--output 'q.csv'", "CSV", "q.json"]),
        Refusal(name: "quote --format csv --output q.json", arguments: quote(["--format", "csv", "--output", "q.json"]),
                mentions: ["--format csv", "--output 'q.json'", "JSON", "q.csv"]),
        Refusal(name: "quote --format table --output q.xlsx", arguments: quote(["--format", "table", "--output", "q.xlsx"]),
                mentions: ["--format table", "XLSX", "q.txt"]),
        Refusal(name: "quote --format xlsx --output q.csv", arguments: quote(["--format", "xlsx", "--output", "q.csv"]),
                mentions: ["--format xlsx", "q.xlsx"]),
        Refusal(name: "quote --format json --output q.txt", arguments: quote(["--format", "json", "--output", "q.txt"]),
                mentions: ["--format json", "a text table"]),
        Refusal(name: "quote --output q.docx", arguments: quote(["--output", "q.docx"]), mentions: ["--output", "q.docx", ".pdf"]),
        Refusal(name: "quote --format pdf --output q.csv", arguments: quote(["--format", "pdf", "--output", "q.csv"]),
                mentions: ["--format pdf", "CSV", "q.pdf"]),
        Refusal(name: "batch --output q.pdf", arguments: batch(["--output", "q.pdf"]), mentions: ["--output", "q.pdf", ".csv, .xlsx"]),
        Refusal(name: "quote --format xlsx --save to the terminal", arguments: quote(["--format", "xlsx", "--save", "--ledger", "new.sqlite"]),
                mentions: ["--format xlsx needs --output"]),
    ]

    @Test("a format the output's extension does not name is refused (64), naming both; nothing is written",
          arguments: formatRefusals)
    func formatRefused(_ c: Refusal) throws {
        let folder = try Self.workspace(ledger: c.ledger)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = Self.snapshot(folder)
        let r = try Binary.run(c.arguments, in: folder)
        #expect(r.status == 64, "\(r.stderr)")
        for m in c.mentions { #expect(r.stderr.contains(m), "\(m) not in: \(r.stderr)") }
        #expect(Self.snapshot(folder) == before, "a file was written, changed or removed")
    }

    @Test("the format the extension names is written, in any case", arguments: [
        (["--output", "q.JSON"], "q.JSON", "{"), (["--format", "json", "--output", "q.json"], "q.json", "{"),
        (["--output", "q.txt"], "q.txt", "Downtown"), (["--format", "csv", "--output", "Q.CSV"], "Q.CSV", "quote_id,"),
        (["--output", "q.xlsx"], "q.xlsx", "PK"), (["--output", "q.PDF"], "q.PDF", "%PDF-"),
        (["--format", "pdf", "--output", "q.pdf"], "q.pdf", "%PDF-"),
    ])
    func formatWritten(arguments: [String], file: String, start: String) throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try Binary.run(Self.quote(arguments), in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let text = String(decoding: FileManager.default.contents(atPath: folder + "/" + file) ?? Data(), as: UTF8.self)
        #expect(text.hasPrefix(start) || (start == "Downtown" && text.contains(start)), "\(text.prefix(80))")
    }
}

// MARK: Permissions and symbolic links

extension OutputSafetyTests {
    static func mode(_ path: String) -> mode_t {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0
    }

    /// The commands that write an output `name`, run in a workspace with a ledger.
    static func writing(_ command: String, _ name: String) -> [String] {
        switch command {
        case "batch": batch(["--output", name, "--rejects", "rj.csv"])
        case "batch --rejects": batch(["--output", "q.csv", "--rejects", name])
        case "quote": quote(["--output", name])
        default: report(["--output", name])
        }
    }

    @Test("a rerun keeps the mode of the output it replaces", arguments: [0o600, 0o640, 0o755] as [mode_t],
          [("batch", "q.csv"), ("batch", "q.xlsx"), ("quote", "q.json"), ("quote", "q.xlsx"), ("report", "m.csv"), ("report", "m.xlsx")])
    func keepsMode(mode: mode_t, output: (command: String, name: String)) throws {
        let folder = try Self.workspace(ledger: true, [.write(output.name, "old"), .write("rj.csv", "old")])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        chmod(folder + "/" + output.name, mode)
        chmod(folder + "/rj.csv", mode)
        let r = try Binary.run(Self.writing(output.command, output.name), in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.contents(atPath: folder + "/" + output.name) != Data("old".utf8))
        #expect(Self.mode(folder + "/" + output.name) == mode)
        if output.command == "batch" { #expect(Self.mode(folder + "/rj.csv") == mode) }
    }

    @Test("a new output gets 0666 less the umask", arguments: [("077", 0o600), ("027", 0o640), ("022", 0o644), ("002", 0o664)] as [(String, mode_t)])
    func newFileMode(umask: String, mode: mode_t) throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let args = Self.batch(["--output", "q.xlsx"]).map { "'\($0)'" }.joined(separator: " ")
        #expect(shell("cd '\(folder)' && umask \(umask) && '\(Binary.path)' \(args)") == 0)
        #expect(Self.mode(folder + "/q.xlsx") == mode)
        #expect(Self.mode(folder + "/q.rejects.csv") == mode)
    }

    @Test("an output that is a symbolic link is written through it: the link stays, its target gets the content",
          arguments: [("batch", "q.csv"), ("batch", "q.xlsx"), ("quote", "q.json"), ("quote", "q.xlsx"), ("report", "m.xlsx")],
          ["existing target", "new target", "chain of links"])
    func throughLink(output: (command: String, name: String), kind: String) throws {
        let target = "sub/target-" + output.name
        var setup: [Setup] = kind == "chain of links"
            ? [.symlink("hop", to: target), .symlink(output.name, to: "hop")] : [.symlink(output.name, to: target)]
        if kind != "new target" { setup.insert(.write(target, "old"), at: 0) }
        let folder = try Self.workspace(ledger: true, setup)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        if kind != "new target" { chmod(folder + "/" + target, 0o640) }
        let r = try Binary.run(Self.writing(output.command, output.name), in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + output.name)) != nil, "the link was replaced")
        let bytes = FileManager.default.contents(atPath: folder + "/" + target) ?? Data()
        #expect(bytes.count > 100 && bytes != Data("old".utf8), "the target did not get the output")
        if kind != "new target" { #expect(Self.mode(folder + "/" + target) == 0o640) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/sub") == ["target-" + output.name])
    }
}

// MARK: Temporary files: failures and killed runs leave nothing for long

extension OutputSafetyTests {
    static func temporaryFiles(_ folder: String) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? []).filter { $0.contains(".tmp-") }
    }

    @Test("a run killed midway (SIGKILL) leaves temporary files; the next run on that output removes them",
          arguments: ["csv", "xlsx"])
    func killedRun(ext: String) throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var generator = RequestGenerator(seed: 11)
        try generator.csv(rows: 200_000).write(toFile: folder + "/big.csv", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.path)
        p.arguments = ["batch", "--pricing", "p.toml", "big.csv", "--output", "q.\(ext)"]
        p.currentDirectoryURL = URL(fileURLWithPath: folder)
        p.standardError = FileHandle.nullDevice
        try p.run()
        var waited = 0
        while waited < 400, Self.temporaryFiles(folder).count < 2 { Thread.sleep(forTimeInterval: 0.05); waited += 1 }
        Thread.sleep(forTimeInterval: 0.3)
        #expect(p.isRunning, "the batch finished before it could be killed")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let leftovers = Self.temporaryFiles(folder)
        #expect(leftovers.contains { $0.hasPrefix(".q.\(ext).tmp-") } && leftovers.contains { $0.hasPrefix(".q.rejects.csv.tmp-") }, "\(leftovers)")
        let r = try Binary.run(Self.batch(["--output", "q.\(ext)"]), in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("removed 2 temporary files left by a run that was killed"), "\(r.stderr)")
        #expect(Self.temporaryFiles(folder).isEmpty)
    }

    @Test("an unlocked leftover is removed by the next run on that output, a locked one (a run still writing) is kept",
          arguments: [("batch", "q.csv"), ("batch", "q.xlsx"), ("batch --rejects", "rj.csv"), ("quote", "q.json"), ("quote", "q.xlsx"), ("report", "m.csv"), ("report", "m.xlsx")])
    func leftovers(output: (command: String, name: String)) throws {
        let dead = ".\(output.name).tmp-DeAd01", live = ".\(output.name).tmp-LiVe01", other = ".other.csv.tmp-DeAd01"
        let folder = try Self.workspace(ledger: true, [.write(dead, "partial"), .write(other, "partial")])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fd = open(folder + "/" + live, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        defer { close(fd) }
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        let r = try Binary.run(Self.writing(output.command, output.name), in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("removed 1 temporary file left by a run that was killed: \(dead)"), "\(r.stderr)")
        #expect(Self.temporaryFiles(folder).sorted() == [live, other].sorted())
    }

    @Test("a workbook into a folder that cannot be written fails naming the file, and leaves the folder empty",
          arguments: [("batch", "q.xlsx"), ("batch", "q.csv"), ("quote", "q.xlsx"), ("report", "m.xlsx")])
    func unwritableFolder(output: (command: String, name: String)) throws {
        let folder = try Self.workspace(ledger: true)
        let locked = folder + "/sub"
        chmod(locked, 0o555)
        let immutable = getuid() == 0 && shell("chattr +i '\(locked)'") == 0
        defer {
            if immutable { _ = shell("chattr -i '\(locked)'") }
            chmod(locked, 0o755)
            try? FileManager.default.removeItem(atPath: folder)
        }
        try #require(getuid() != 0 || immutable, "cannot make a folder unwritable for root here (no chattr)")
        let r = try Binary.run(Self.writing(output.command, "sub/" + output.name), in: folder)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("sub/\(output.name): cannot write"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked).isEmpty)
    }

    @Test("a workbook that libxlsxwriter refuses (a cell over 32,767 characters) leaves no temporary file",
          arguments: ["quote", "batch"])
    func workbookFails(command: String) throws {
        let long = String(repeating: "x", count: 40_000)
        let requests = "request_id,client,location,tier,areas,sessions,quote_date\nA,Ana,downtown,senior,face,3,2026-11-02\nB,\(long),downtown,senior,face,3,2026-11-02\n"
        let folder = try Self.workspace([.write("long.csv", requests)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let args = command == "quote" ? Self.quote(["--client", long, "--output", "q.xlsx"])
                                      : ["batch", "--pricing", "p.toml", "long.csv", "--output", "q.xlsx"]
        let r = try Binary.run(args, in: folder)
        #expect(Self.temporaryFiles(folder).isEmpty)
        if command == "quote" {
            // Refused before anything is written, naming the field.
            #expect(r.status == 1, "\(r.stderr)")
            #expect(r.stderr.contains("q.xlsx: the quote does not fit a workbook: client: "), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder + "/q.xlsx"))
        } else {
            // The row is a reject naming its line and field; the rest is quoted.
            #expect(r.status == 3, "\(r.stderr)")
            #expect(FileManager.default.fileExists(atPath: folder + "/q.xlsx"))
        }
    }

    @Test("quote --save with a file that cannot be written saves nothing, so a rerun does not save the quote twice",
          arguments: ["q.xlsx", "missing/q.pdf", "missing/q.json"])
    func saveOnlyWithItsFile(output: String) throws {
        let folder = try Self.workspace([])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let client = output == "q.xlsx" ? String(repeating: "x", count: 40_000) : "Ana"
        let r = try Binary.run(Self.quote(["--client", client, "--output", output, "--save", "--ledger", "l.sqlite"]), in: folder)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(!r.stderr.contains("saved Q-"), "\(r.stderr)")
        let list = try Binary.run(["ledger", "list", "--ledger", "l.sqlite"], in: folder)
        #expect(!list.stdout.contains("Q-2026-"), "\(list.stdout)")
        #expect(Self.temporaryFiles(folder).isEmpty)
    }

    @Test("a file-size limit reached while writing a workbook leaves no file", arguments: ["quote", "report"])
    func sizeLimit(command: String) throws {
        let folder = try Self.workspace(ledger: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let args = Self.writing(command, "out.xlsx").map { "'\($0)'" }.joined(separator: " ")
        let status = shell("cd '\(folder)' && ulimit -f 4 && exec '\(Binary.path)' \(args)")
        #expect(status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.xlsx"))
        #expect(Self.temporaryFiles(folder).isEmpty)
    }
}
