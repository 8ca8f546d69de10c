import Foundation
import Testing

/// `spaquote user`, end to end: accounts in a SQLite ledger and (when a server is given) in
/// PostgreSQL; the password on standard input, or typed on a terminal (a pseudo-terminal
/// driven by Python) with echo off.
@Suite("spaquote user: accounts, passwords and API tokens in the ledger")
struct UserCommandTests {
    static let password = "front desk secret 1"
    static let newPassword = "another desk secret 2"

    /// Runs the binary with `input` on its standard input (a file, not a terminal).
    static func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> Binary.Result {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inPath = folder + "/stdin", outPath = folder + "/stdout", errPath = folder + "/stderr"
        for (path, text) in [(inPath, input), (outPath, ""), (errPath, "")] {
            FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.path)
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = FileHandle(forReadingAtPath: inPath)!, out = FileHandle(forWritingAtPath: outPath)!
        let err = FileHandle(forWritingAtPath: errPath)!
        p.standardInput = stdin
        p.standardOutput = out
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        for handle in [stdin, out, err] { try handle.close() }
        return Binary.Result(status: p.terminationStatus,
                             stdout: String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self),
                             stderr: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self))
    }

    /// Every output of a run, to look for secrets in.
    final class Outputs {
        var all = ""
        func run(_ arguments: [String], input: String = "") throws -> Binary.Result {
            let r = try UserCommandTests.run(arguments, input: input)
            all += r.stdout + r.stderr
            return r
        }
    }

    /// The account commands against `ledger`; returns the API token issued and every output.
    static func lifecycle(ledger: String) throws -> (token: String, outputs: String) {
        let o = Outputs(), l = ["--ledger", ledger]
        let admin = try o.run(["user", "add", "root", "--role", "admin"] + l, input: password + "\n")
        #expect(admin.status == 0 && admin.stderr.contains("added admin 'root'"), "\(admin.stderr)")
        let clerk = try o.run(["user", "add", "ana.ruiz", "--role", "clerk", "--locations", "downtown,uptown"] + l, input: password + "\n")
        #expect(clerk.status == 0, "\(clerk.stderr)")
        let manager = try o.run(["user", "add", "Mo", "--role", "MANAGER", "--locations", "riverside"] + l, input: password + "\r\n")
        #expect(manager.status == 0, "\(manager.stderr)")

        let duplicate = try o.run(["user", "add", "ana.ruiz", "--role", "admin"] + l, input: newPassword + "\n")
        #expect(duplicate.status == 1 && duplicate.stderr.contains("an account named 'ana.ruiz' exists already"), "\(duplicate.stderr)")

        let list = try o.run(["user", "list"] + l)
        #expect(list.status == 0, "\(list.stderr)")
        let rows = list.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.count == 5 && rows[1].allSatisfy { $0.allSatisfy { $0 == "-" } })   // the heading's rule
        #expect(rows.enumerated().filter { $0.offset != 1 }.map(\.element) == [["name", "role", "locations", "status"], ["Mo", "manager", "riverside", "active"],
                         ["ana.ruiz", "clerk", "downtown,uptown", "active"], ["root", "admin", "all", "active"]])
        #expect(list.stderr.contains("3 accounts"))

        let token = try o.run(["user", "token", "ana.ruiz"] + l)
        #expect(token.status == 0, "\(token.stderr)")
        let issued = token.stdout.trimmingCharacters(in: .newlines)
        #expect(token.stdout == issued + "\n" && issued.count >= 22 && !issued.contains(" "))
        let second = try o.run(["user", "token", "ana.ruiz"] + l)
        #expect(second.status == 0 && second.stdout != token.stdout)

        let changed = try o.run(["user", "password", "ana.ruiz"] + l, input: newPassword + "\n")
        #expect(changed.status == 0 && changed.stderr.contains("set the password of 'ana.ruiz'"), "\(changed.stderr)")
        let disabled = try o.run(["user", "disable", "Mo"] + l)
        #expect(disabled.status == 0 && disabled.stderr.contains("disabled 'Mo'"), "\(disabled.stderr)")
        let after = try o.run(["user", "list"] + l)
        #expect(after.stdout.contains("riverside") && after.stdout.split(separator: "\n")[2].hasSuffix("disabled"), "\(after.stdout)")
        let refusedToken = try o.run(["user", "token", "Mo"] + l)
        #expect(refusedToken.status == 1 && refusedToken.stdout.isEmpty && refusedToken.stderr.contains("disabled"))

        for args in [["user", "disable", "nobody"], ["user", "token", "nobody"], ["user", "password", "nobody"]] {
            let r = try o.run(args + l, input: newPassword + "\n")
            #expect(r.status == 1 && r.stderr.contains("no account named 'nobody'") && r.stdout.isEmpty, "\(args) \(r.stderr)")
        }
        for secret in [password, newPassword, "front desk", "desk secret"] {
            #expect(!o.all.contains(secret), "\(secret) shown")
        }
        return (issued, o.all)
    }

    @Test("add, list, token, password and disable in a SQLite ledger; the file holds no password or token in clear")
    func sqliteLifecycle() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        let (token, _) = try Self.lifecycle(ledger: ledger)
        let bytes = try #require(FileManager.default.contents(atPath: ledger))
        for secret in [Self.password, Self.newPassword, token] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) in the ledger file")
        }
        #expect(bytes.range(of: Data("$2b$12$".utf8)) != nil)   // bcrypt hashes at cost 12
        // Quotes still go in and out of the same ledger.
        let saved = try Binary.run(["quote", "--pricing", Binary.example("pricing.toml"), "--location", "downtown", "--tier", "senior",
                                    "--areas", "face", "--sessions", "3", "--date", "2026-11-02", "--save", "--ledger", ledger])
        #expect(saved.status == 0, "\(saved.stderr)")
    }

    @Test("add, list, token, password and disable in a PostgreSQL ledger; its tables hold no password or token in clear",
          .enabled(if: TestPostgres.available))
    func postgresLifecycle() throws {
        let db = try TestPostgres.createDatabase()
        defer { TestPostgres.drop(db.name) }
        let (token, _) = try Self.lifecycle(ledger: db.url)
        var dump = ""
        for table in ["account", "api_token", "web_session"] {
            dump += try TestPostgres.sql("SELECT row_to_json(t)::text FROM \(table) t", database: db.name)
        }
        #expect(dump.contains("ana.ruiz") && dump.contains("$2b$12$"))
        for secret in [Self.password, Self.newPassword, token] { #expect(!dump.contains(secret), "\(secret) in the database") }
        #expect(try TestPostgres.sql("SELECT count(*) FROM api_token", database: db.name).trimmingCharacters(in: .whitespacesAndNewlines) == "2")
    }

    static let refusals: [(args: [String], input: String, status: Int32, says: String)] = [
        (["--role", "boss"], password, 64, "--role"),
        (["--role", "clerk", "--locations", "downtown,,uptown"], password, 64, "--locations"),
        (["--role", "clerk"], "short", 1, "account 'ana': password: a password has at least 10 characters (this one has 5)"),
        (["--role", "clerk"], String(repeating: "p", count: 73), 1, "account 'ana': password: a password has at most 72 bytes"),
        (["--role", "clerk"], "", 1, "account 'ana': password: standard input is empty"),
        (["--role", "clerk", "--locations", "downtown,mars", "--pricing", Binary.example("pricing.toml")], password, 1,
         "--locations: 'mars' is not a location of"),
    ]

    @Test("a bad role, locations, password or unknown location is refused naming the field, nothing created or shown",
          arguments: refusals.indices)
    func refusal(index: Int) throws {
        let (args, input, status, says) = Self.refusals[index]
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try Self.run(["user", "add", "ana"] + args + ["--ledger", folder + "/l.sqlite"], input: input.isEmpty ? "" : input + "\n")
        #expect(r.status == status && r.stderr.contains(says), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        if input.count > 3 { #expect(!r.stderr.contains(input)) }
        #expect(!FileManager.default.fileExists(atPath: folder + "/l.sqlite"))
    }

    @Test("a name no account can have is a usage error naming it", arguments: ["a b", "zoë", String(repeating: "n", count: 65), "x;y"])
    func badName(name: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try Self.run(["user", "add", name, "--role", "clerk", "--ledger", folder + "/l.sqlite"], input: Self.password + "\n")
        #expect(r.status == 64 && r.stderr.contains("account name '\(name)'") && r.stderr.contains("an account name"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/l.sqlite"))
    }

    @Test("locations checked against --pricing are taken when the card has them")
    func pricingLocations() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let l = ["--ledger", folder + "/l.sqlite"]
        let r = try Self.run(["user", "add", "ana", "--role", "clerk", "--locations", "downtown, uptown",
                              "--pricing", Binary.example("pricing.toml")] + l, input: Self.password + "\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.run(["user", "list"] + l).stdout.contains("downtown,uptown"))
    }

    @Test("user list of a ledger that does not exist fails naming it, and creates nothing")
    func listMissing() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try Self.run(["user", "list", "--ledger", folder + "/none.sqlite"])
        #expect(r.status == 1 && r.stderr.contains(folder + "/none.sqlite"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/none.sqlite"))
    }

    /// Runs `spaquote ARGS` on a pseudo-terminal, typing each of `lines` after a prompt
    /// ("\u{3}" sends Ctrl-C); prints the transcript, then `status=N echo=0|1` (the
    /// terminal's ECHO flag once the process has ended).
    static func onTerminal(_ arguments: [String], lines: [String]) throws -> (transcript: String, status: Int, echo: Bool) {
        let script = """
            import os, pty, sys, termios, time, json
            args, lines = json.loads(sys.argv[1]), json.loads(sys.argv[2])
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(args[0], args)
            out = b""
            def read_until(marker=None, timeout=20):
                # Reads until `marker` comes (None: until the process closes the terminal).
                global out
                start, end = len(out), time.time() + timeout
                while (marker is None or marker not in out[start:]) and (marker is None or time.time() < end):
                    try:
                        chunk = os.read(fd, 1024)
                    except OSError:
                        break
                    if not chunk:
                        break
                    out += chunk
            for line in lines:
                read_until(b": ")
                time.sleep(0.2)
                os.write(fd, line.encode() if line == "\\x03" else (line + "\\n").encode())
            read_until()
            try:
                echo = bool(termios.tcgetattr(fd)[3] & termios.ECHO)
            except Exception:
                echo = None
            _, status = os.waitpid(pid, 0)
            code = os.waitstatus_to_exitcode(status)
            sys.stdout.write(out.decode("utf-8", "replace"))
            sys.stdout.write("\\nstatus=%d echo=%s\\n" % (code, "1" if echo else "0"))
            """
        let json = { (value: [String]) in String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self) }
        let text = try Binary.run(executable: "/usr/bin/env", ["python3", "-c", script, try json([Binary.path] + arguments),
                                                             try json(lines)]).stdout
        let last = text.split(separator: "\n").last.map(String.init) ?? ""
        let status = Int(last.split(separator: " ").first?.dropFirst("status=".count) ?? "") ?? -1
        return (text, status, last.hasSuffix("echo=1"))
    }

    @Test("on a terminal the password is asked twice without echo, and echo is back afterwards")
    func terminalPassword() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let l = ["--ledger", folder + "/l.sqlite"]
        let added = try Self.onTerminal(["user", "add", "ana", "--role", "clerk"] + l, lines: [Self.password, Self.password])
        #expect(added.status == 0 && added.echo, "\(added.transcript)")
        #expect(added.transcript.contains("Password for 'ana': ") && added.transcript.contains("Password again: "))
        #expect(!added.transcript.contains(Self.password), "\(added.transcript)")
        #expect(try Self.run(["user", "list"] + l).stdout.contains("ana"))

        let differ = try Self.onTerminal(["user", "password", "ana"] + l, lines: [Self.newPassword, Self.newPassword + "x"])
        #expect(differ.status == 1 && differ.echo && differ.transcript.contains("the two passwords typed differ"), "\(differ.transcript)")
        #expect(!differ.transcript.contains(Self.newPassword))
    }

    @Test("Ctrl-C at the password prompt ends the command and leaves echo on")
    func interruptedPrompt() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try Self.onTerminal(["user", "add", "ana", "--role", "clerk", "--ledger", folder + "/l.sqlite"], lines: ["\u{3}"])
        #expect(r.status == 130 && r.echo, "\(r.transcript)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/l.sqlite"))
    }
}
