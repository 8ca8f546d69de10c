import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Testing

/// The client search as a browser sends it: a GET form's query encodes a space as `+`
/// (found by the real-browser tests: "Zoe Listed" found nothing).
@Suite("Front desk: the client search as a browser sends it")
struct ListSearchTests {
    @Test("A name searched through the list's form is found, spaces sent as + and a + as %2B",
          arguments: [("Zoe Listed", "Zoe+Listed"), ("Ana María Ruiz", "Ana+Mar%C3%ADa+Ruiz"), ("A+B Clinic", "A%2BB+Clinic"),
                      ("<img src=x onerror=alert(1)>", "%3Cimg+src%3Dx+onerror%3Dalert%281%29%3E")])
    func search(_ case_: (String, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            for name in [case_.0, "Someone Else"] {
                try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(),
                                         body: Body.request(client: name)) { #expect($0.status == .created) }
            }
            try await client.execute(uri: "/quotes?month=&status=&location=&client=\(case_.1)", method: .get,
                                     headers: [.cookie: b.cookie]) { response in
                let text = response.body.text
                #expect(text.contains("<a href=\"/quotes/Q-2026-000001\">"))
                #expect(!text.contains("<a href=\"/quotes/Q-2026-000002\">"))
            }
            try await client.execute(uri: "/api/v1/quotes?client=\(case_.1)", method: .get, headers: [.cookie: b.cookie]) { response in
                #expect(response.body.text.contains("Q-2026-000001"))
                #expect(!response.body.text.contains("Q-2026-000002"))
            }
        }
    }

    @Test("The next-page link keeps a + in the searched name")
    func nextPage() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(),
                                         body: Body.request(client: "A+B")) { #expect($0.status == .created) }
            }
            let next = try await client.execute(uri: "/quotes?client=A%2BB&limit=1", method: .get, headers: [.cookie: b.cookie]) { response in
                let text = response.body.text
                let start = try #require(text.range(of: "<a href=\"/quotes?")).lowerBound
                return String(text[start...].dropFirst(9).prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            }
            #expect(next.contains("client=A%2BB"))
            try await client.execute(uri: next, method: .get, headers: [.cookie: b.cookie]) { response in
                #expect(response.body.text.contains("<a href=\"/quotes/Q-2026-000002\">"))
            }
        }
    }
}
