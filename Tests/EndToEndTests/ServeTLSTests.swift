import Foundation
import Testing

/// `serve --tls-cert FILE --tls-key FILE`: HTTPS without a proxy, checked with curl against
/// a self-signed certificate made by openssl for the test.
@Suite("serve over TLS: --tls-cert and --tls-key", .timeLimit(.minutes(5)))
struct ServeTLSTests {
    /// A certificate for localhost and its key (RSA 2048, one day), made in `folder`.
    static func makeCertificate(in folder: String) throws -> (cert: String, key: String) {
        let cert = folder + "/cert.pem", key = folder + "/key.pem"
        let made = try Binary.run(executable: "/usr/bin/openssl",
                                  ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
                                   "-keyout", key, "-out", cert])
        #expect(made.status == 0, "\(made.stderr)")
        return (cert, key)
    }

    /// curl with `arguments`; its status, standard output (headers then body with -i) and error.
    static func curl(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let r = try Binary.run(executable: "/usr/bin/curl", ["-sS", "--max-time", "10"] + arguments)
        return (r.status, r.stdout, r.stderr)
    }

    /// `serve` with `options` on a free port; the process and the port from its listening line.
    static func serve(ledger: String, options: [String]) throws -> (process: Process, port: Int, line: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["serve", "--pricing", Binary.example("pricing.toml"), "--ledger", ledger, "--port", "0"] + options
        let stderr = Pipe()
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
        let port = text.range(of: "://127.0.0.1:").flatMap { Int(text[$0.upperBound...].prefix { $0.isNumber }) } ?? 0
        return (process, port, text)
    }

    @Test("HTTPS with a self-signed certificate: /healthz answers over TLS, the sign-in cookie is __Host- and Secure, plain HTTP to the port gets nothing")
    func https() async throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        #expect(try ServeTests.addUser(ledger: ledger, in: folder))
        let (cert, key) = try Self.makeCertificate(in: folder)
        let server = try Self.serve(ledger: ledger, options: ["--tls-cert", cert, "--tls-key", key])
        defer { server.process.terminate(); server.process.waitUntilExit() }
        #expect(server.line.contains("listening on https://127.0.0.1:"), "\(server.line)")
        try #require(server.port > 0)
        let base = "https://localhost:\(server.port)"
        let resolve = ["--resolve", "localhost:\(server.port):127.0.0.1", "--cacert", cert]

        let health = try Self.curl(resolve + ["\(base)/healthz"])
        #expect(health.status == 0 && health.stdout == "ok\n", "\(health.stderr)")
        let insecure = try Self.curl(["-k", "https://127.0.0.1:\(server.port)/healthz"])
        #expect(insecure.status == 0 && insecure.stdout == "ok\n", "\(insecure.stderr)")

        let signIn = try Self.curl(resolve + ["-i", "-H", "Content-Type: application/json",
                                              "--data", #"{"username":"desk","password":"correct horse"}"#, "\(base)/api/v1/session"])
        #expect(signIn.status == 0 && signIn.stdout.hasPrefix("HTTP/1.1 204"), "\(signIn.stdout) \(signIn.stderr)")
        let cookie = signIn.stdout.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie:") } ?? ""
        #expect(cookie.contains("__Host-spaquote_session=") && cookie.hasSuffix("; Path=/; HttpOnly; SameSite=Lax; Secure"), "\(cookie)")

        let plain = try Self.curl(["-i", "http://127.0.0.1:\(server.port)/healthz"])
        #expect(plain.status != 0, "plain HTTP answered: \(plain.stdout)")
        #expect(!plain.stdout.contains("ok\n"))
        server.process.terminate()
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
    }

    /// A certificate or key that cannot be used, and the flag the refusal must name.
    enum BadFile: String, CaseIterable, Sendable {
        case missingCert, missingKey, certIsKey, keyIsCert, emptyKey, certIsFolder, otherKey
    }

    @Test("A missing, unreadable or wrong certificate or key is refused before listening, naming the flag and the file",
          arguments: BadFile.allCases)
    func badFile(_ bad: BadFile) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (cert, key) = try Self.makeCertificate(in: folder)
        var c = cert, k = key, flag = "--tls-cert"
        switch bad {
        case .missingCert: c = folder + "/nowhere.pem"
        case .missingKey: k = folder + "/nowhere.pem"; flag = "--tls-key"
        case .certIsKey: c = key
        case .keyIsCert: k = cert; flag = "--tls-key"
        case .emptyKey: k = folder + "/empty.pem"; flag = "--tls-key"; FileManager.default.createFile(atPath: k, contents: Data())
        case .certIsFolder: c = folder
        case .otherKey:
            try FileManager.default.createDirectory(atPath: folder + "/other", withIntermediateDirectories: true)
            k = try Self.makeCertificate(in: folder + "/other").key; flag = "--tls-key"
        }
        let ledger = folder + "/l.sqlite"
        let r = try Binary.run(["serve", "--pricing", Binary.example("pricing.toml"), "--ledger", ledger, "--port", "0",
                                "--tls-cert", c, "--tls-key", k])
        #expect(r.status == 1)
        #expect(r.stderr.contains(flag) && r.stderr.contains(flag == "--tls-cert" ? c : k), "\(r.stderr)")
        #expect(!r.stderr.contains("listening"))
        #expect(!FileManager.default.fileExists(atPath: ledger), "no ledger is made for a server that cannot start")
    }

    @Test("--tls-cert without --tls-key, or the key alone, is a usage error naming both",
          arguments: [["--tls-cert", "c.pem"], ["--tls-key", "k.pem"]])
    func halfOfAPair(_ options: [String]) throws {
        let r = try Binary.run(["serve", "--pricing", Binary.example("pricing.toml"), "--ledger", "/nonexistent/l.sqlite"] + options)
        #expect(r.status == 64)
        #expect(r.stderr.contains("--tls-cert") && r.stderr.contains("--tls-key"), "\(r.stderr)")
    }
}
