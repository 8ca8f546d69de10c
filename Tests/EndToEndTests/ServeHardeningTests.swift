import Foundation
import Testing

/// The front desk's hardening, end to end: `serve --secure-cookies --public-origin`, the
/// headers of a real server's responses, and `user token --revoke-all`.
@Suite("serve and user: secure cookies, a public origin, headers, revoked tokens")
struct ServeHardeningTests {
    static let origin = "https://desk.example.com"

    @Test("behind a proxy: the __Host- cookie, changes only from the public origin, the security headers, revoked tokens refused")
    func behindProxy() async throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        #expect(try ServeTests.addUser(ledger: ledger, in: folder))
        let first = try UserCommandTests.run(["user", "token", "desk", "--ledger", ledger])
        let second = try UserCommandTests.run(["user", "token", "desk", "--ledger", ledger])
        #expect(first.status == 0 && second.status == 0)
        let tokens = [first.stdout, second.stdout].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }

        let server = try ServeTests.Server(ledger: ledger, options: ["--secure-cookies", "--public-origin", Self.origin])
        defer { _ = server.stop() }
        let signIn = #"{"username":"desk","password":"correct horse"}"#
        let (refused, _, _) = try await ServeTests.request(server.port, "POST", "/api/v1/session", body: signIn,
                                                           headers: ["Content-Type": "application/json", "Origin": "http://127.0.0.1:\(server.port)"])
        #expect(refused == 403)
        let (status, headers, _) = try await ServeTests.request(server.port, "POST", "/api/v1/session", body: signIn,
                                                                headers: ["Content-Type": "application/json", "Origin": Self.origin])
        #expect(status == 204)
        let cookie = headers["set-cookie"] ?? ""
        #expect(cookie.hasPrefix("__Host-spaquote_session=") && cookie.hasSuffix("; Path=/; HttpOnly; SameSite=Lax; Secure"))

        let (health, fields, _) = try await ServeTests.request(server.port, "GET", "/healthz")
        #expect(health == 200)
        #expect(fields["content-security-policy"] == "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        #expect(fields["x-frame-options"] == "DENY" && fields["x-content-type-options"] == "nosniff")
        #expect(fields["referrer-policy"] == "same-origin" && fields["cache-control"] == "no-store")

        for token in tokens {
            let (ok, _, _) = try await ServeTests.request(server.port, "GET", "/api/v1/quotes", headers: ["Authorization": "Bearer \(token)"])
            #expect(ok == 200)
        }
        let revoked = try UserCommandTests.run(["user", "token", "desk", "--revoke-all", "--ledger", ledger])
        #expect(revoked.status == 0 && revoked.stderr.contains("revoked 2 API tokens of 'desk'") && revoked.stdout.isEmpty, "\(revoked.stderr)")
        for token in tokens {
            let (gone, _, body) = try await ServeTests.request(server.port, "GET", "/api/v1/quotes", headers: ["Authorization": "Bearer \(token)"])
            #expect(gone == 401 && body.contains("\"error\""))
        }
        let again = try UserCommandTests.run(["user", "token", "desk", "--revoke-all", "--ledger", ledger])
        #expect(again.status == 0 && again.stderr.contains("revoked 0 API tokens"))
        let unknown = try UserCommandTests.run(["user", "token", "nobody", "--revoke-all", "--ledger", ledger])
        #expect(unknown.status != 0 && unknown.stderr.contains("nobody"))
    }

    @Test("a --public-origin that is not scheme://host[:port] is a usage error naming the option",
          arguments: ["desk.example.com", "https://desk.example.com/front", "ftp://desk.example.com", "https://user@desk.example.com", ""])
    func badPublicOrigin(value: String) throws {
        let r = try Binary.run(["serve", "--pricing", Binary.example("pricing.toml"), "--ledger", "/nonexistent/l.sqlite",
                                "--public-origin", value])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--public-origin"), "\(r.stderr)")
    }
}
