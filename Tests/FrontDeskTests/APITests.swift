import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import Pricing
import Reports
import Testing

@Suite("Front desk: the JSON API")
struct APITests {
    /// The quote `spaquote quote --format json` prints for the same request (the same
    /// library calls: the request parser, the engine, the Reports JSON writer).
    static func commandLineJSON(_ fields: RequestFields) throws -> String {
        let card = try RateCard.load(path: WebFixture.pricingPath)
        return QuoteJSON.render(try QuoteEngine.quote(QuoteRequest(fields: fields), card: card, today: WebFixture.today))
    }

    static let requests: [(String, RequestFields)] = [
        (#"{"location":"downtown","tier":"senior","areas":["face","neck"],"sessions":3}"#,
         RequestFields(requestID: "walk-in", location: "downtown", tier: "senior", areas: "face;neck", sessions: "3")),
        (#"{"request_id":"r-1","client":"Bo","location":"uptown","tier":"physician","areas":["face"],"sessions":6,"spacing_weeks":5,"start_date":"2026-11-20","addons":["numbing"],"promo":"NEWCLIENT50"}"#,
         RequestFields(requestID: "r-1", client: "Bo", location: "uptown", tier: "physician", areas: "face", sessions: "6",
                       spacingWeeks: "5", startDate: "2026-11-20", addons: "numbing", promo: "NEWCLIENT50")),
        (#"{"location":"riverside","tier":"associate","areas":["face"],"sessions":1,"quote_date":"2026-11-10"}"#,
         RequestFields(requestID: "walk-in", location: "riverside", tier: "associate", areas: "face", sessions: "1", quoteDate: "2026-11-10")),
    ]

    @Test("POST /price answers 200 with the bytes the command line prints", arguments: requests)
    func price(_ request: (String, RequestFields)) async throws {
        let expected = try Self.commandLineJSON(request.1)
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk")
            try await client.execute(uri: "/api/v1/price", method: .post, headers: browser.headers(),
                                     body: ByteBuffer(string: request.0)) { response in
                #expect(response.status == .ok)
                #expect(response.body.text == expected)
            }
        }
    }

    static let rejected: [(String, String, String)] = [
        (#"{"location":"downtown","tier":"senior","areas":["face"],"sessions":9}"#, "sessions", "9"),
        (#"{"location":"downtown","tier":"senior","areas":["face"],"sessions":3.5}"#, "sessions", "3.5"),
        (#"{"location":"downtown","tier":"senior","areas":["chin"],"sessions":3}"#, "areas", "chin"),
        (#"{"location":"downtown","tier":"senior","areas":["face"],"sessions":3,"promo":"NOPE"}"#, "promo", "NOPE"),
        (#"{"location":"downtown","tier":"senior","areas":["face"],"sessions":3,"start_date":"2026-02-30"}"#, "start_date", "2026-02-30"),
        (#"{"location":"downtown","tier":"senior","areas":"face","sessions":3}"#, "areas", "face"),
        (#"{"location":"downtown","tier":"senior","areas":["face"],"sessions":3,"status":"accepted"}"#, "status", "accepted"),
        (#"{"tier":"senior","areas":["face"],"sessions":3}"#, "location", ""),
        (#"["not an object"]"#, "body", #"["not an object"]"#),
        (#"{"location":"downtown","tier":"senior","areas":["face"],"sessions":99999999999999999999}"#, "sessions", "99999999999999999999"),
    ]

    @Test("A rejected request answers 422 with its field, value and reason", arguments: rejected)
    func reject(_ case_: (String, String, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk")
            for path in ["/api/v1/price", "/api/v1/quotes"] {
                try await client.execute(uri: path, method: .post, headers: browser.headers(),
                                         body: ByteBuffer(string: case_.0)) { response in
                    #expect(response.status == .unprocessableContent)
                    let object = try JSONSerialization.jsonObject(with: Data(response.body.text.utf8)) as? [String: Any]
                    let error = object?["error"] as? [String: Any]
                    #expect(error?["field"] as? String == case_.1)
                    #expect(error?["value"] as? String == case_.2)
                    #expect((error?["reason"] as? String)?.isEmpty == false)
                }
            }
        }
    }

    @Test("POST /quotes saves (201, the ledger's id) and GET reads the same quote back")
    func save() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk")
            let saved = try await client.execute(uri: "/api/v1/quotes", method: .post, headers: browser.headers(), body: Body.request()) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/api/v1/quotes/Q-2026-000001")
                #expect(response.body.text.contains("\"quote_id\": \"Q-2026-000001\""))
                return response.body.text
            }
            try await client.execute(uri: "/api/v1/quotes/Q-2026-000001", method: .get, headers: [.cookie: browser.cookie]) { response in
                #expect(response.status == .ok)
                // The 201 is the quote as read, with its client link added last (shown only then).
                #expect(saved.replacing(/,\n  "share_url": "\/c\/[A-Za-z0-9_-]{43}"\n}\n$/, with: "\n}\n") == response.body.text)
                #expect(saved != response.body.text)
            }
            try await client.execute(uri: "/api/v1/quotes", method: .post, headers: browser.headers(), body: Body.request()) {
                #expect($0.body.text.contains("\"quote_id\": \"Q-2026-000002\""))
            }
        }
        let entry = try await desk.store.entry(QuoteNumber("Q-2026-000001")!)
        #expect(entry.source == "web")
    }

    @Test("Accept and decline change the status; a refused change answers 409")
    func statuses() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(), body: Body.request()) { #expect($0.status == .created) }
            }
            let accept = { (id: String, day: String) in ByteBuffer(string: #"{"on":"\#(day)"}"#) }
            try await client.execute(uri: "/api/v1/quotes/Q-2026-000001/accept", method: .post, headers: b.headers(),
                                     body: accept("", "2026-10-01")) { #expect($0.status == .conflict) }   // before the quote date
            try await client.execute(uri: "/api/v1/quotes/Q-2026-000001/accept", method: .post, headers: b.headers(),
                                     body: accept("", "2026-11-05")) { response in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("\"accepted_on\": \"2026-11-05\""))
            }
            for (path, body) in [("accept", accept("", "2026-11-06")), ("decline", ByteBuffer())] {
                try await client.execute(uri: "/api/v1/quotes/Q-2026-000001/\(path)", method: .post, headers: b.headers(), body: body) { response in
                    #expect(response.status == .conflict)
                    #expect(response.body.text.contains("\"field\": \"quote_id\""))
                }
            }
            try await client.execute(uri: "/api/v1/quotes/Q-2026-000002/decline", method: .post, headers: b.headers()) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/quotes/Q-2026-000002/decline", method: .post, headers: b.headers()) { #expect($0.status == .conflict) }
            for body in [#"{}"#, #"{"on":"2026-13-01"}"#, #"{"on":5}"#, "nonsense"] {
                try await client.execute(uri: "/api/v1/quotes/Q-2026-000002/accept", method: .post, headers: b.headers(),
                                         body: ByteBuffer(string: body)) { #expect($0.status == .unprocessableContent) }
            }
            try await client.execute(uri: "/api/v1/quotes?status=accepted", method: .get, headers: [.cookie: b.cookie]) { response in
                #expect(response.body.text.contains("Q-2026-000001") && !response.body.text.contains("Q-2026-000002"))
            }
        }
    }

    @Test("List queries that do not parse answer 422 naming the parameter",
          arguments: ["month=2026-13", "status=open", "after=Q-1", "limit=0", "limit=501"])
    func badQuery(_ query: String) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            try await client.execute(uri: "/api/v1/quotes?\(query)", method: .get, headers: [.cookie: b.cookie]) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.body.text.contains("\"field\": \"\(query.split(separator: "=")[0])\""))
            }
        }
    }
}
