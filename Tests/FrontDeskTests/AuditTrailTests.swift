import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import Testing

/// The front desk's audit trail: what each request leaves in the ledger (who, when, what;
/// the address is unknown over `.router`), and who may read it.
@Suite("The front desk's audit trail: every action leaves its event; managers read their part")
struct AuditTrailTests {
    static func events(_ desk: WebFixture, _ filter: AuditFilter = .all) async throws -> [AuditEvent] {
        try await desk.store.auditEvents(matching: filter, after: nil, limit: 1_000)
    }

    static func signInFails(_ client: any TestClientProtocol, _ name: String, _ password: String) async throws -> HTTPResponse.Status {
        try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                 body: ByteBuffer(string: #"{"username":"\#(name)","password":"\#(password)"}"#)) { $0.status }
    }

    @Test("an API save, an accept and a decline each leave their event: the user, the server's time, the quote and its location")
    func saveAcceptDecline() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk", at: ["downtown"])
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(), body: Body.request()) { #expect($0.status == .created) }
            }
            desk.clock.advance(60)
            try await client.execute(uri: "/api/v1/quotes/Q-2026-000001/accept", method: .post, headers: b.headers(),
                                     body: ByteBuffer(string: #"{"on":"2026-11-04"}"#)) { #expect($0.status == .ok) }
            desk.clock.advance(60)
            try await client.execute(uri: "/api/v1/quotes/Q-2026-000002/decline", method: .post, headers: b.headers(),
                                     body: ByteBuffer(string: "{}")) { #expect($0.status == .ok) }
            // A refused change (declined already) records nothing.
            try await client.execute(uri: "/api/v1/quotes/Q-2026-000002/decline", method: .post, headers: b.headers(),
                                     body: ByteBuffer(string: "{}")) { #expect($0.status != .ok) }
        }
        let t = desk.clock.now
        let q1 = QuoteNumber(year: 2026, seq: 1), q2 = QuoteNumber(year: 2026, seq: 2)
        let events = try await Self.events(desk).map { e in var e = e; e.id = 0; return e }
        #expect(events == [
            AuditEvent(at: t - 120, action: .signIn, actor: .user("desk")),
            AuditEvent(at: t - 120, action: .quoteSaved, actor: .user("desk"), quote: q1, location: "downtown", detail: "from the web"),
            AuditEvent(at: t - 120, action: .linkCreated, actor: .user("desk"), quote: q1, location: "downtown"),
            AuditEvent(at: t - 120, action: .quoteSaved, actor: .user("desk"), quote: q2, location: "downtown", detail: "from the web"),
            AuditEvent(at: t - 120, action: .linkCreated, actor: .user("desk"), quote: q2, location: "downtown"),
            AuditEvent(at: t - 60, action: .quoteAccepted, actor: .user("desk"), quote: q1, location: "downtown", detail: "accepted on 2026-11-04"),
            AuditEvent(at: t, action: .quoteDeclined, actor: .user("desk"), quote: q2, location: "downtown"),
        ])
    }

    @Test("a failed sign-in leaves its event with the name typed: a wrong password, an unknown name, a disabled account, hostile text",
          arguments: ["desk", "nobody", "gone", "x' OR '1'='1", "<script>alert(1)</script>"])
    func signInFailure(name: String) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.account("gone")
        try await AccountBookFixture.disable("gone", in: desk)
        try await desk.test { client in
            let status = try await Self.signInFails(client, name, name == "gone" ? "correct horse 1" : "wrong password 1")
            #expect(status == .unauthorized)
        }
        let events = try await Self.events(desk, AuditFilter(since: desk.clock.now))
        #expect(events.map(\.action) == [.signInFailed])
        #expect(events.first?.actor == .user(name) && events.first?.at == desk.clock.now && events.first?.address == nil)
    }

    @Test("the fifth failed sign-in of a name records the lock it starts; the sixth is refused with 429 and records the refusal")
    func signInLocked() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            for _ in 0..<5 {
                let status = try await Self.signInFails(client, "desk", "wrong password 1")
                #expect(status == .unauthorized)
            }
            let status = try await Self.signInFails(client, "desk", "correct horse 1")
            #expect(status == .tooManyRequests)
        }
        let events = try await Self.events(desk, AuditFilter(user: "desk"))
        #expect(events.map(\.action) == Array(repeating: .signInFailed, count: 5) + [.signInLocked, .signInLocked])
        #expect(events.dropLast().last?.detail.hasPrefix("this failure locks name:desk") == true)
        #expect(events.last?.detail.hasPrefix("locked for ") == true)
    }

    @Test("sign-out, a report download and a link made and revoked leave their events")
    func otherActions() async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager, at: ["downtown"])
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(), body: Body.request()) { #expect($0.status == .created) }
            var form = b.headers(json: false)
            form[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: "/quotes/Q-2026-000001/link", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(b.csrf)")) {
                #expect($0.status == .seeOther)
            }
            try await client.execute(uri: "/quotes/Q-2026-000001/link/revoke", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(b.csrf)")) {
                #expect($0.status == .seeOther)
            }
            try await client.execute(uri: "/reports/monthly.csv?from=2026-11&to=2026-12", method: .get, headers: [.cookie: b.cookie]) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/signout", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(b.csrf)")) {
                #expect($0.status == .seeOther)
            }
        }
        let events = try await Self.events(desk)
        #expect(events.map(\.action) == [.signIn, .quoteSaved, .linkCreated, .linkCreated, .linkRevoked, .reportDownloaded, .signOut])
        #expect(events.allSatisfy { $0.actor == .user("boss") })
        #expect(events[5].detail == "monthly 2026-11 to 2026-12 (csv)")
    }

    @Test("a clerk cannot open /audit (403); a manager sees only their locations' quotes and users; an admin sees all")
    func auditPageAccess() async throws {
        let desk = try await WebFixture()
        try await desk.account("down", at: ["downtown"])
        try await desk.account("up", at: ["uptown"])
        try await desk.account("boss", .manager, at: ["downtown"])
        try await desk.account("root", .admin)
        try await desk.test { client in
            let down = try await Browser.signIn(client, "down"), up = try await Browser.signIn(client, "up")
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: down.headers(), body: Body.request()) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: up.headers(), body: Body.request(location: "uptown")) {
                #expect($0.status == .created)
            }
            for clerk in [down, up] {
                try await client.execute(uri: "/audit", method: .get, headers: [.cookie: clerk.cookie]) { #expect($0.status == .forbidden) }
            }
            let hostile = try await Self.signInFails(client, "<b>hostile</b>", "wrong password 1")
            #expect(hostile == .unauthorized)
            let boss = try await Browser.signIn(client, "boss"), root = try await Browser.signIn(client, "root")
            let managerPage = try await client.execute(uri: "/audit", method: .get, headers: [.cookie: boss.cookie]) { r in
                #expect(r.status == .ok)
                return r.body.text
            }
            #expect(managerPage.contains("Q-2026-000001") && !managerPage.contains("Q-2026-000002"))
            #expect(managerPage.contains("<td>down</td>") && !managerPage.contains("<td>up</td>") && !managerPage.contains("hostile"))
            #expect(managerPage.contains("id=\"nav-audit\""))
            // The manager's filters stay inside their part.
            let filtered = try await client.execute(uri: "/audit?quote=Q-2026-000002", method: .get, headers: [.cookie: boss.cookie]) { $0.body.text }
            #expect(filtered.contains("id=\"audit-none\""))
            let adminPage = try await client.execute(uri: "/audit", method: .get, headers: [.cookie: root.cookie]) { $0.body.text }
            #expect(adminPage.contains("Q-2026-000002") && adminPage.contains("<td>up</td>"))
            #expect(adminPage.contains("&lt;b&gt;hostile&lt;/b&gt;") && !adminPage.contains("<b>hostile</b>"))
            for bad in ["since=2026-13-01", "quote=%27%3B%20DROP", "after=-1"] {
                try await client.execute(uri: "/audit?\(bad)", method: .get, headers: [.cookie: root.cookie]) { #expect($0.status == .unprocessableContent) }
            }
        }
    }

    @Test("the audit page pages 50 events at a time, each once, in order")
    func auditPaging() async throws {
        let desk = try await WebFixture()
        try await desk.account("root", .admin)
        try await desk.store.appendAudit((1...120).map { AuditEvent(at: Int64($0), action: .userChanged, actor: .commandLine("ops"), detail: "e\($0)x") })
        try await desk.test { client in
            let root = try await Browser.signIn(client, "root")
            var uri: String? = "/audit?user=ops", seen: [String] = []
            while let next = uri {
                let page = try await client.execute(uri: next, method: .get, headers: [.cookie: root.cookie]) { $0.body.text }
                seen += (1...120).map { "<td>e\($0)x</td>" }.filter(page.contains)
                uri = page.components(separatedBy: "id=\"audit-next\" href=\"").dropFirst().first?.components(separatedBy: "\"").first?
                    .replacingOccurrences(of: "&amp;", with: "&")
            }
            #expect(seen == (1...120).map { "<td>e\($0)x</td>" })
        }
    }

    @Test("the quote page shows the quote's history: saved, link made, accepted, with who and when")
    func quoteHistory() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(), body: Body.request()) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/quotes/Q-2026-000001/accept", method: .post, headers: b.headers(),
                                     body: ByteBuffer(string: #"{"on":"2026-11-04"}"#)) { #expect($0.status == .ok) }
            let page = try await client.execute(uri: "/quotes/Q-2026-000001", method: .get, headers: [.cookie: b.cookie]) { $0.body.text }
            let history = try #require(page.components(separatedBy: "id=\"history\"").last)
            for action in ["quote-saved", "link-created", "quote-accepted"] { #expect(history.contains("<td>\(action)</td>")) }
            #expect(history.contains("<td>desk</td>") && history.contains("<td>accepted on 2026-11-04</td>"))
            #expect(history.contains(AuditEvent.time(desk.clock.now)))
        }
    }

    @Test("a client opening the link and accepting by name leaves events by the client link, with the name typed; an unknown link leaves none")
    func clientLink() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let saved = try await ClientLinkTests.save(client)
            let page = try await ClientLinkTests.open(client, saved.token)
            let (status, _) = try await ClientLinkTests.accept(client, saved.token, name: "  Ada <i>C.</i> Client ", formToken: page.formToken)
            #expect(status == .seeOther)
            let unknown = try await ClientLinkTests.open(client, String(repeating: "A", count: 43))
            #expect(unknown.status == .notFound)
        }
        let number = try #require(QuoteNumber("Q-2026-000001"))
        let events = try await Self.events(desk, AuditFilter(quote: number))
        #expect(events.map(\.action) == [.quoteSaved, .linkCreated, .linkOpened, .linkAccepted])
        #expect(events.suffix(2).allSatisfy { $0.actor == .clientLink && $0.location == "downtown" })
        #expect(events.last?.detail == "accepted as \"Ada <i>C.</i> Client\"")
        #expect(try await Self.events(desk).count == 5)   // and the sign-in: nothing for the unknown link
    }

    @Test("a batch saved from the web leaves one event with its counts, by the manager")
    func batchSaved() async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            let (status, location) = try await b.upload(client, try WebFixture.example("requests.csv"), save: true)
            #expect(status == .seeOther)
            _ = try await b.finished(client, location)
        }
        let events = try await Self.events(desk, AuditFilter(user: "boss")).filter { $0.action == .batchSaved }
        #expect(events.count == 1)
        #expect(events.first?.detail.hasPrefix("saved 5 quotes of 5 rows (0 rejected) from ") == true, "\(events)")
    }
}

/// Account changes the tests make outside the web.
enum AccountBookFixture {
    static func disable(_ name: String, in desk: WebFixture) async throws {
        var account = try #require(try await desk.store.account(named: name))
        account.disabled = true
        try await desk.store.updateAccount(account)
    }
}
