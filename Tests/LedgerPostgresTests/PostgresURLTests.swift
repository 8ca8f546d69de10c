import Foundation
@testable import LedgerPostgres
import Testing

@Suite("PostgreSQL URLs and the password file")
struct PostgresURLTests {
    struct Parsed: Sendable, CustomStringConvertible {
        var text: String, user: String, password: String?, host: String, port: Int, database: String
        var tls: PostgresURL.TLSMode, name: String
        var description: String { text }
    }

    @Test("a URL parses into its parts, percent-decoded, and is named without its password", arguments: [
        Parsed(text: "postgresql://clinic:s3cret@db.example.com:6543/ledger", user: "clinic", password: "s3cret",
               host: "db.example.com", port: 6543, database: "ledger", tls: .prefer, name: "postgresql://clinic@db.example.com:6543/ledger"),
        Parsed(text: "postgres://clinic@127.0.0.1/ledger", user: "clinic", password: nil, host: "127.0.0.1", port: 5432,
               database: "ledger", tls: .disable, name: "postgresql://clinic@127.0.0.1:5432/ledger"),
        Parsed(text: "postgresql://fr%C3%B6nt:p%40ss%3Aw%2Frd@localhost:5433/chain%20ledger", user: "frönt", password: "p@ss:w/rd",
               host: "localhost", port: 5433, database: "chain ledger", tls: .disable,
               name: "postgresql://fr%C3%B6nt@localhost:5433/chain%20ledger"),
        Parsed(text: "postgresql://u:pw@[::1]:5432/db?sslmode=require", user: "u", password: "pw", host: "::1", port: 5432,
               database: "db", tls: .require, name: "postgresql://u@[::1]:5432/db?sslmode=require"),
        Parsed(text: "postgresql://u:@db.example.com/db?sslmode=disable", user: "u", password: "", host: "db.example.com", port: 5432,
               database: "db", tls: .disable, name: "postgresql://u@db.example.com:5432/db?sslmode=disable"),
        Parsed(text: "postgresql://u:p@ss@host/db", user: "u", password: "p@ss", host: "host", port: 5432,
               database: "db", tls: .prefer, name: "postgresql://u@host:5432/db"),
    ])
    func parses(_ c: Parsed) throws {
        let url = try PostgresURL(c.text)
        #expect(url.user == c.user && url.password == c.password && url.host == c.host && url.port == c.port)
        #expect(url.database == c.database && url.tls == c.tls)
        #expect(url.name == c.name && url.description == c.name)
        if let p = c.password, !p.isEmpty { #expect(!url.name.contains(p)) }
    }

    @Test("a URL that is not one spaquote can use is refused, saying which part, never showing the password", arguments: [
        ("postgresql://host/db", "names no user"),
        ("postgresql://u:hunter2@/db", "names no host"),
        ("postgresql://u:hunter2@host", "names no database"),
        ("postgresql://u:hunter2@host/", "names no database"),
        ("postgresql://u:hunter2@host:99999/db", "port '99999'"),
        ("postgresql://u:hunter2@host:54x/db", "port '54x'"),
        ("postgresql://u:hunter2@host/db?sslmode=verify-full", "sslmode is 'verify-full'"),
        ("postgresql://u:hunter2@host/db?application_name=x", "parameter 'application_name'"),
        ("postgresql://u:hunter2@host/db#x", "'#' part"),
        ("postgresql://u:hunt%2er2%zz@host/db", "password has a '%'"),
        ("postgresql://u:hunter2@h1,h2/db", "host is not one host"),
        ("mysql://u:hunter2@host/db", "not a PostgreSQL URL"),
        ("postgresql://u:hunter2/x?y#z@host/db", "names no user"),
    ])
    func refuses(_ text: String, _ expected: String) throws {
        let error = #expect(throws: PostgresURLError.self) { try PostgresURL(text) }
        let message = try #require(error).description
        #expect(message.contains(expected), "\(message)")
        #expect(!message.contains("hunter2") && !message.contains("hunt"))
        #expect(!PostgresURL.redacted(text).contains("hunter2") && !PostgresURL.redacted(text).contains("hunt%2e"))
    }

    @Test("the password comes from the URL, else PGPASSWORD, else the password file", arguments: [
        ("postgresql://u:fromurl@h:5432/db", ["PGPASSWORD": "fromenv"], "fromurl"),
        ("postgresql://u@h:5432/db", ["PGPASSWORD": "fromenv"], "fromenv"),
        ("postgresql://u:@h:5432/db", ["PGPASSWORD": "fromenv"], "fromenv"),
        ("postgresql://u@h:5432/db", ["PGPASSWORD": ""], "fromfile"),
        ("postgresql://u@h:5432/db", [:], "fromfile"),
        ("postgresql://other@h:5432/db", [:], nil),
    ] as [(String, [String: String], String?)])
    func passwordOrder(_ text: String, _ env: [String: String], _ expected: String?) throws {
        let file = try passFile("h:5432:db:u:fromfile\n", mode: 0o600)
        var environment = env
        environment["PGPASSFILE"] = file
        #expect(PostgresPassword.find(for: try PostgresURL(text), environment: environment) == expected)
    }

    @Test("a password file readable by group or others is ignored, as libpq ignores it", arguments: [0o644, 0o640, 0o604, 0o660, 0o700])
    func passFileMode(_ mode: Int) throws {
        let file = try passFile("*:*:*:*:secret\n", mode: mode)
        let found = PostgresPassword.find(for: try PostgresURL("postgresql://u@h/db"), environment: ["PGPASSFILE": file])
        #expect(found == (mode & 0o077 == 0 ? "secret" : nil))
    }

    @Test("~/.pgpass is found through HOME when PGPASSFILE is not set")
    func homePassFile() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("home-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        _ = try passFile("h:5432:db:u:athome\n", mode: 0o600, at: home + "/.pgpass")
        #expect(PostgresPassword.find(for: try PostgresURL("postgresql://u@h/db"), environment: ["HOME": home]) == "athome")
    }

    struct PassLine: Sendable, CustomStringConvertible {
        var file: String, host: String, port: Int, database: String, user: String, expected: String?
        var description: String { file.debugDescription + " for \(user)@\(host):\(port)/\(database)" }
    }

    @Test("password file lines match field by field, with * wildcards, \\: and \\\\ escapes, comments and the first match winning", arguments: [
        PassLine(file: "*:*:*:*:any\n", host: "h", port: 1, database: "d", user: "u", expected: "any"),
        PassLine(file: "# h:5432:db:u:commented\nh:5432:db:u:real\n", host: "h", port: 5432, database: "db", user: "u", expected: "real"),
        PassLine(file: "h:5432:db:u:first\nh:5432:db:u:second\n", host: "h", port: 5432, database: "db", user: "u", expected: "first"),
        PassLine(file: "h:5432:db:other:x\n*:5432:db:u:wild\n", host: "h", port: 5432, database: "db", user: "u", expected: "wild"),
        PassLine(file: "h:5433:db:u:otherport\n", host: "h", port: 5432, database: "db", user: "u", expected: nil),
        PassLine(file: "h:5432:db\\:x:u:colon\n", host: "h", port: 5432, database: "db:x", user: "u", expected: "colon"),
        PassLine(file: "h:5432:db:u:pa\\:ss\\\\word\n", host: "h", port: 5432, database: "db", user: "u", expected: "pa:ss\\word"),
        PassLine(file: "h:5432:db:u:before:after\n", host: "h", port: 5432, database: "db", user: "u", expected: "before"),
        PassLine(file: "h:5432:\\*:u:literal\n", host: "h", port: 5432, database: "other", user: "u", expected: nil),
        PassLine(file: "h:5432:\\*:u:literal\n", host: "h", port: 5432, database: "*", user: "u", expected: "literal"),
        PassLine(file: "h:5432:db:u\n", host: "h", port: 5432, database: "db", user: "u", expected: nil),
        PassLine(file: "h:5432:db:u:crlf\r\n", host: "h", port: 5432, database: "db", user: "u", expected: "crlf"),
        PassLine(file: "\n\nh:5432:db:u:afterblank", host: "h", port: 5432, database: "db", user: "u", expected: "afterblank"),
    ])
    func passFileLines(_ c: PassLine) {
        #expect(PassFile(c.file).password(host: c.host, port: c.port, database: c.database, user: c.user) == c.expected)
    }

    private func passFile(_ text: String, mode: Int, at path: String? = nil) throws -> String {
        let path = path ?? FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }
}
