import Foundation

/// The PostgreSQL server of a test run, named by `$SPAQUOTE_TEST_POSTGRES_URL` (a user who
/// may create databases; `make test` starts a throwaway server and sets it). Each test
/// gets a database of its own, made with `psql` and dropped afterwards.
enum TestPostgres {
    static let url: String? = ProcessInfo.processInfo.environment["SPAQUOTE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// Whether the PostgreSQL tests run.
    static var available: Bool { url != nil }

    /// `psql`, on the path or among Debian's server programs.
    static var psql: String {
        let fm = FileManager.default
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") where fm.isExecutableFile(atPath: "\(dir)/psql") {
            return "\(dir)/psql"
        }
        let versions = (try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.map { "/usr/lib/postgresql/\($0)/bin/psql" }.first(where: fm.isExecutableFile) ?? "psql"
    }

    /// The server's URL with another database.
    static func url(database: String) -> String {
        let base = url!
        let query = base.firstIndex(of: "?").map { String(base[$0...]) } ?? ""
        let noQuery = base.firstIndex(of: "?").map { String(base[..<$0]) } ?? base
        let schemeEnd = noQuery.range(of: "://")!.upperBound
        let pathStart = noQuery[schemeEnd...].firstIndex(of: "/") ?? noQuery.endIndex
        return String(noQuery[..<pathStart]) + "/" + database + query
    }

    /// Runs SQL on the server's own database with `psql`.
    @discardableResult
    static func sql(_ statement: String, database: String? = nil) throws -> String {
        let r = try Binary.run(executable: psql, [database.map(url(database:)) ?? url!, "-v", "ON_ERROR_STOP=1",
                                                  "-A", "-t", "-q", "-c", statement])
        guard r.status == 0 else { throw CocoaError(.executableLoad) }
        return r.stdout
    }

    /// A new, empty database; its URL. ``drop(_:)`` removes it.
    static func createDatabase() throws -> (name: String, url: String) {
        let name = "spaquote_e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try sql("CREATE DATABASE \(name)")
        return (String(name), url(database: String(name)))
    }

    static func drop(_ name: String) {
        _ = try? sql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}
