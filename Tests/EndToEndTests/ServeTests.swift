import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `spaquote serve` as a process: listening, answering, signing in over a ledger whose
/// account `user add` made, and ending with status 0 on SIGTERM.
@Suite("serve end to end")
struct ServeTests {
    /// A running `serve`, its port read from the line it writes when listening.
    final class Server {
        let process = Process()
        let port: Int
        let stderr: Pipe

        init(ledger: String, pricing: String = Binary.example("pricing.toml"), options: [String] = []) throws {
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = ["serve", "--pricing", pricing, "--ledger", ledger, "--port", "0"] + options
            stderr = Pipe()
            process.standardError = stderr
            process.standardOutput = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            var text = ""
            while !text.contains("\n") {
                let chunk = stderr.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            guard let range = text.range(of: "http://127.0.0.1:"),
                  let port = Int(text[range.upperBound...].prefix { $0.isNumber }) else {
                process.terminate()
                throw ServeFailure(message: "no listening line: \(text)")
            }
            self.port = port
        }

        /// Sends SIGTERM and waits for the exit status.
        func stop() -> Int32 {
            process.terminate()
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    struct ServeFailure: Error { var message: String }

    /// One request; its status, headers and body.
    static func request(_ port: Int, _ method: String, _ path: String, body: String? = nil,
                        headers: [String: String] = [:]) async throws -> (Int, [String: String], String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.httpShouldHandleCookies = false
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body { request.httpBody = Data(body.utf8) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        let (data, response) = try await URLSession(configuration: configuration).data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields[String(describing: name).lowercased()] = String(describing: value) }
        return (http.statusCode, fields, String(decoding: data, as: UTF8.self))
    }

    @Test("serve answers /healthz, signs in an account made by user add, prices, and exits 0 on SIGTERM")
    func serve() async throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        let added = try Self.addUser(ledger: ledger, in: folder)
        #expect(added, "user add failed")
        let server = try Server(ledger: ledger)
        let (health, _, ok) = try await Self.request(server.port, "GET", "/healthz")
        #expect(health == 200 && ok == "ok\n")
        if added {
            let (status, headers, _) = try await Self.request(
                server.port, "POST", "/api/v1/session", body: #"{"username":"desk","password":"correct horse"}"#,
                headers: ["Content-Type": "application/json"])
            #expect(status == 204)
            let cookie = headers["set-cookie"]?.split(separator: ";").first.map(String.init) ?? ""
            let csrf = headers["x-csrf-token"] ?? ""
            let body = #"{"location":"downtown","tier":"senior","areas":["face"],"sessions":3,"quote_date":"2026-11-02"}"#
            let (priced, _, quote) = try await Self.request(server.port, "POST", "/api/v1/price", body: body, headers: [
                "Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": csrf])
            #expect(priced == 200)
            let cli = try Binary.run(["quote", "--pricing", Binary.example("pricing.toml"), "--location", "downtown", "--tier", "senior",
                                      "--areas", "face", "--sessions", "3", "--date", "2026-11-02", "--format", "json"])
            #expect(cli.status == 0)
            #expect(quote == cli.stdout)
        }
        #expect(server.stop() == 0)
    }

    /// `user add NAME --role clerk [--locations LOCATIONS]` (by default `desk` at `downtown`),
    /// the password on standard input; whether it succeeded.
    static func addUser(_ name: String = "desk", locations: String? = "downtown", ledger: String, in folder: String) throws -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.path)
        p.arguments = ["user", "add", name, "--role", "clerk"] + (locations.map { ["--locations", $0] } ?? []) + ["--ledger", ledger]
        let input = Pipe()
        p.standardInput = input
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        input.fileHandleForWriting.write(Data("correct horse\n".utf8))
        try input.fileHandleForWriting.close()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return p.terminationStatus == 0
    }
}
