import Foundation
import Testing

/// `spaquote user disable` run while `serve` runs over the same ledger: the account's
/// session cookie and API token are refused at their next request.
@Suite("serve end to end: user disable ends an account's access at once")
struct ServeDisableTests {
    @Test("After user disable, the account's cookie and API token are refused (401) at the next request; another account goes on")
    func disable() async throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        #expect(try ServeTests.addUser("desk", ledger: ledger, in: folder))
        #expect(try ServeTests.addUser("other", ledger: ledger, in: folder))
        let issued = try Binary.run(["user", "token", "desk", "--ledger", ledger])
        #expect(issued.status == 0)
        let token = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try ServeTests.Server(ledger: ledger)
        defer { _ = server.stop() }
        let (desk, deskCSRF) = try await Self.signIn(server.port, "desk"), (other, _) = try await Self.signIn(server.port, "other")
        let bearer = ["Authorization": "Bearer \(token)"]
        for headers in [["Cookie": desk], bearer, ["Cookie": other]] {
            #expect(try await ServeTests.request(server.port, "GET", "/api/v1/quotes", headers: headers).0 == 200)
        }

        let disabled = try Binary.run(["user", "disable", "desk", "--ledger", ledger])
        #expect(disabled.status == 0, "\(disabled.stderr)")

        for headers in [["Cookie": desk], bearer] {
            #expect(try await ServeTests.request(server.port, "GET", "/api/v1/quotes", headers: headers).0 == 401)
        }
        let body = #"{"client":"Ada","location":"downtown","tier":"senior","areas":["face"],"sessions":3}"#
        let save = try await ServeTests.request(server.port, "POST", "/api/v1/quotes", body: body, headers: [
            "Cookie": desk, "X-CSRF-Token": deskCSRF, "Content-Type": "application/json"])
        #expect(save.0 == 401)
        #expect(try await ServeTests.request(server.port, "GET", "/api/v1/quotes", headers: ["Cookie": other]).0 == 200)
        let listed = try Binary.run(["ledger", "list", "--ledger", ledger])
        #expect(listed.status == 0 && !listed.stdout.contains("Ada"), "\(listed.stderr)")
    }

    /// Signs `name` in (password `correct horse`): the cookie and the CSRF token.
    static func signIn(_ port: Int, _ name: String) async throws -> (String, String) {
        let (status, headers, _) = try await ServeTests.request(port, "POST", "/api/v1/session",
                                                                 body: #"{"username":"\#(name)","password":"correct horse"}"#,
                                                                 headers: ["Content-Type": "application/json"])
        #expect(status == 204)
        return (headers["set-cookie"]?.split(separator: ";").first.map(String.init) ?? "", headers["x-csrf-token"] ?? "")
    }
}
