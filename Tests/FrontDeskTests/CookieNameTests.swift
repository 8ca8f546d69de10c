import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Front desk: the session cookie's name follows --secure-cookies")
struct CookieNameTests {
    @Test("Secure cookies are named __Host-spaquote_session with Path=/, Secure and no Domain; plain ones spaquote_session",
          arguments: [(true, "__Host-spaquote_session"), (false, "spaquote_session")])
    func name(_ case_: (secure: Bool, name: String)) async throws {
        var desk = try await WebFixture()
        desk.settings.secureCookies = case_.secure
        try await desk.account("desk")
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk")
            #expect(browser.cookie.hasPrefix(case_.name + "="))
            try await client.execute(uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "username=desk&password=correct+horse+1")) { response in
                let set = response.headers[.setCookie] ?? ""
                #expect(set.hasPrefix(case_.name + "="))
                let attributes = set.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
                #expect(attributes.contains("Path=/"))
                #expect(attributes.contains("Secure") == case_.secure)
                #expect(!attributes.contains { $0.lowercased().hasPrefix("domain") })
            }
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: browser.cookie]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/session", method: .delete, headers: browser.headers()) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.setCookie]?.hasPrefix(case_.name + "=;") == true)
            }
        }
    }

    @Test("Only the name matching the setting is read: the other name's cookie holding a live session id signs no one in",
          arguments: [true, false])
    func otherNameIgnored(secure: Bool) async throws {
        var desk = try await WebFixture()
        desk.settings.secureCookies = secure
        try await desk.account("desk")
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk")
            let id = String(browser.cookie.split(separator: "=", maxSplits: 1)[1])
            let other = (secure ? "spaquote_session" : "__Host-spaquote_session") + "=" + id
            for cookie in [other, "\(other); x=1", "__host-spaquote_session=\(id)", "Spaquote_session=\(id)"] {
                try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .unauthorized, "\(cookie)")
                }
            }
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: "\(other); \(browser.cookie)"]) {
                #expect($0.status == .ok)
            }
        }
    }
}
