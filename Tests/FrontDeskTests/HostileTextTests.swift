import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import Testing

/// Hostile text in every field of the front desk a user fills (client, client contact,
/// request id, promotion, the list's search box and filters, the monthly report's months):
/// saved as given or refused with 422 naming the field, and every page that shows it shows
/// it escaped (the escaped form present, the raw form absent).
@Suite("Front desk: hostile text is kept as given and shown escaped")
struct HostileTextTests {
    typealias H = HostileText

    /// `GET uri` as `b`: status and body.
    static func get(_ client: any TestClientProtocol, _ uri: String, _ b: Browser) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: b.cookie]) { ($0.status, $0.body.text) }
    }

    /// The error a JSON refusal names: its field.
    static func refusedField(_ body: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
              let error = object["error"] as? [String: Any] else { return nil }
        return error["field"] as? String
    }

    @Test("A hostile client name and request id saved through the API: kept as given (or 422 naming the field); the quote page, the list, the search box, the re-quote form and the client link page show them escaped",
          arguments: H.texts)
    func clientAndRequestID(_ text: (String, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        let t = text.1
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            let body = #"{"request_id":\#(H.json(t)),"client":\#(H.json(t)),"location":"downtown","tier":"senior","areas":["face"],"sessions":3}"#
            let (status, answer) = try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(),
                                                            body: ByteBuffer(string: body)) { ($0.status, $0.body.text) }
            if t.utf8.contains(0) {
                #expect(status == .unprocessableContent)
                #expect(Self.refusedField(answer) == "request_id")
                #expect(try await desk.store.entries(matching: .all, after: nil, limit: 10).isEmpty)
                return
            }
            #expect(status == .created)
            let id = try #require(answer.firstMatch(of: /"quote_id": "(Q-[0-9-]+)"/)?.1).description
            let token = try #require(answer.firstMatch(of: /"share_url": "\/c\/([A-Za-z0-9_-]+)"/)?.1).description
            let stored = try await desk.store.entry(try #require(QuoteNumber(id))).quote.request
            #expect(H.bytes(stored.client) == H.bytes(H.trimmed(t)))
            #expect(H.bytes(stored.requestID) == H.bytes(H.trimmed(t)))
            let shown = stored.client
            let (_, quotePage) = try await Self.get(client, "/quotes/\(id)", b)
            #expect(H.shownEscaped(shown, in: quotePage), "quote page")
            let (listStatus, list) = try await Self.get(client, "/quotes?client=\(H.encoded(shown))", b)
            #expect(listStatus == .ok)
            #expect(H.shownEscaped(shown, in: list), "list row")
            #expect(H.contains(Array(list.utf8), Array("value=\"\(H.escaped(shown))\"".utf8)), "the search box")
            #expect(list.contains("<a href=\"/quotes/\(id)\">"), "the search finds the quote")
            let (_, requote) = try await Self.get(client, "/quotes/new?from=\(id)", b)
            #expect(H.contains(Array(requote.utf8), Array("value=\"\(H.escaped(shown))\"".utf8)), "the re-quote form")
            #expect(H.noRaw(shown, in: requote))
            let (linkStatus, linkPage) = try await client.execute(uri: "/c/\(token)", method: .get) { ($0.status, $0.body.text) }
            #expect(linkStatus == .ok)
            #expect(H.shownEscaped(shown, in: linkPage), "client link page")
            // The API gives the text back as it was saved.
            let (_, json) = try await Self.get(client, "/api/v1/quotes/\(id)", b)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(H.bytes(object["client"] as? String) == H.bytes(shown))
        }
    }

    @Test("A hostile client contact: kept as given or refused naming client_contact (a control character, over 200 characters); shown escaped on the quote page only",
          arguments: H.texts)
    func contact(_ text: (String, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        let t = text.1
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            let (status, answer) = try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(),
                                                            body: Body.request(extra: ",\"client_contact\":\(H.json(t))")) {
                ($0.status, $0.body.text)
            }
            let trimmed = H.trimmedWhiteSpace(t)   // a contact loses leading and trailing white space, line breaks too
            if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) || trimmed.count > 200 {
                #expect(status == .unprocessableContent)
                #expect(Self.refusedField(answer) == "client_contact")
                return
            }
            #expect(status == .created)
            let id = try #require(answer.firstMatch(of: /"quote_id": "(Q-[0-9-]+)"/)?.1).description
            let token = try #require(answer.firstMatch(of: /"share_url": "\/c\/([A-Za-z0-9_-]+)"/)?.1).description
            #expect(H.bytes(try await desk.store.clientContact(quote: try #require(QuoteNumber(id)))) == H.bytes(trimmed))
            let (_, page) = try await Self.get(client, "/quotes/\(id)", b)
            #expect(H.contains(Array(page.utf8), Array("<span id=\"client-contact\">\(H.escaped(trimmed))</span>".utf8)))
            #expect(H.noRaw(trimmed, in: page))
            let (_, linkPage) = try await client.execute(uri: "/c/\(token)", method: .get) { ($0.status, $0.body.text) }
            #expect(trimmed.count < 4 || !H.contains(Array(linkPage.utf8), Array(H.escaped(trimmed).utf8)),
                    "the client link page does not show the contact")
        }
    }

    @Test("A hostile promotion code is refused naming promo, by the API and beside the form's field, shown escaped",
          arguments: H.texts)
    func promo(_ text: (String, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk", at: ["downtown"])
        let t = text.1
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            let (status, answer) = try await client.execute(uri: "/api/v1/price", method: .post, headers: b.headers(),
                                                            body: Body.request(extra: ",\"promo\":\(H.json(t))")) { ($0.status, $0.body.text) }
            #expect(status == .unprocessableContent)
            #expect(Self.refusedField(answer) == "promo")
            let form = "csrf=\(b.csrf)&client=Ada&location=downtown&tier=senior&areas=face&sessions=3&action=price&promo=\(H.encoded(t))"
            let (formStatus, page) = try await client.execute(uri: "/quotes/new", method: .post,
                                                              headers: [.cookie: b.cookie, .contentType: "application/x-www-form-urlencoded"],
                                                              body: ByteBuffer(string: form)) { ($0.status, $0.body.text) }
            #expect(formStatus == .unprocessableContent)
            #expect(page.contains("id=\"promo-error\""))
            #expect(H.shownEscaped(H.trimmed(t), in: page))
        }
    }

    @Test("Hostile filters: month and status refused naming the field (page and API), a location or client that matches nothing gives an empty list; nothing shown raw",
          arguments: H.texts)
    func filters(_ text: (String, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        let t = text.1, e = H.encoded(t)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(), body: Body.request()) { #expect($0.status == .created) }
            for field in ["month", "status", "after"] {
                let (status, page) = try await Self.get(client, "/quotes?\(field)=\(e)", b)
                #expect(status == .unprocessableContent, "\(field)")
                #expect(H.noRaw(t, in: page), "\(field)")
                let (apiStatus, answer) = try await Self.get(client, "/api/v1/quotes?\(field)=\(e)", b)
                #expect(apiStatus == .unprocessableContent, "\(field)")
                #expect(Self.refusedField(answer) == field)
            }
            let (status, page) = try await Self.get(client, "/quotes?location=\(e)", b)
            #expect(status == .ok)
            #expect(page.contains("No quotes match."))
            #expect(H.noRaw(t, in: page))
            let (apiStatus, answer) = try await Self.get(client, "/api/v1/quotes?location=\(e)&client=\(e)", b)
            #expect(apiStatus == .ok)
            #expect(answer == "{\"quotes\":[],\"next\":null}\n")
        }
        #expect(try await desk.store.entries(matching: .all, after: nil, limit: 10).count == 1)
    }

    @Test("Hostile months on the monthly report: 422 with the value shown escaped beside the form; the downloads refuse them",
          arguments: H.texts)
    func monthly(_ text: (String, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        let t = text.1, e = H.encoded(t)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            for field in ["from", "to"] {
                let (status, page) = try await Self.get(client, "/reports/monthly?\(field)=\(e)", b)
                #expect(status == .unprocessableContent)
                #expect(H.shownEscaped(t, in: page), "\(field)")
                for file in ["monthly.csv", "monthly.xlsx"] {
                    let (fileStatus, _) = try await Self.get(client, "/reports/\(file)?\(field)=\(e)", b)
                    #expect(fileStatus == .unprocessableContent, "\(file) \(field)")
                }
            }
        }
    }
}

extension HostileTextTests {
    static let templates = WebFixture.packageRoot.appendingPathComponent("Sources/FrontDesk/Templates")

    @Test("Every page template escapes scalar by scalar: its first line selects SCALAR_HTML (a partial starts again with Mustache's own escaping)")
    func everyTemplateSelectsScalarEscaping() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.templates.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count >= 13)
        for name in names {
            let text = try String(contentsOf: Self.templates.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix("{{% CONTENT_TYPE: SCALAR_HTML}}\n"), "\(name)")
            #expect(!text.contains("{{&"), "\(name)")
        }
    }
}
