import Foundation
@testable import FrontDesk
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Front desk: whole numbers in API bodies, and the JSON reader")
struct JSONNumberTests {
    static let notWhole = ["3.0", "3.5", "1e1", "1E1", "3e0", "30e-1", "-0", "-0.0", "0.0", "99999999999999999999",
                           "9223372036854775808", "-9223372036854775809", #""3""#, #""3.0""#, "true", "[3]", "{}", #""""#]

    @Test("sessions and spacing_weeks that are not JSON integers answer 422 naming the field, from the price and save routes",
          arguments: ["sessions", "spacing_weeks"], notWhole)
    func refused(field: String, number: String) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        let body = field == "sessions"
            ? #"{"location":"downtown","tier":"senior","areas":["face"],"sessions":\#(number)}"#
            : #"{"location":"downtown","tier":"senior","areas":["face"],"sessions":3,"spacing_weeks":\#(number)}"#
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk")
            for path in ["/api/v1/price", "/api/v1/quotes"] {
                try await client.execute(uri: path, method: .post, headers: browser.headers(), body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .unprocessableContent)
                    let object = try JSONSerialization.jsonObject(with: Data(response.body.text.utf8)) as? [String: Any]
                    let error = try #require(object?["error"] as? [String: Any])
                    #expect(error["field"] as? String == field)
                    #expect((error["reason"] as? String)?.contains("whole number") == true)
                }
            }
            try await client.execute(uri: "/api/v1/quotes", method: .get, headers: [.cookie: browser.cookie]) {
                #expect($0.body.text.contains("\"quotes\":[]"))   // nothing saved
            }
        }
    }

    @Test("Whole numbers written as integers are taken as those numbers", arguments: [("3", "4"), ("1", "5"), ("6", "6")])
    func taken(_ case_: (sessions: String, spacing: String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let browser = try await Browser.signIn(client, "desk")
            let body = #"{"location":"downtown","tier":"senior","areas":["face"],"sessions":\#(case_.sessions),"spacing_weeks":\#(case_.spacing)}"#
            try await client.execute(uri: "/api/v1/price", method: .post, headers: browser.headers(), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                #expect(response.body.text.contains("\"sessions\": \(case_.sessions)"))
                #expect(response.body.text.contains("\"spacing_weeks\": \(case_.spacing)"))
            }
        }
    }

    @Test("A number keeps the text the client wrote, never passing through a float",
          arguments: ["3", "-3", "3.0", "1e1", "-0", "0.1", "99999999999999999999", "1E+400", "123456789012345678901234567890.5"])
    func numberText(text: String) {
        #expect(JSONValue.parse("[\(text)]") == .array([.number(text)]))
        #expect(JSONValue.parse(text) == .number(text))
    }

    @Test("wholeNumber is the integer of a JSON integer only",
          arguments: [("3", Int64(3) as Int64?), ("-3", -3), ("0", 0), ("9223372036854775807", Int64.max),
                      ("-9223372036854775808", Int64.min), ("-0", nil), ("3.0", nil), ("1e1", nil), ("9223372036854775808", nil)])
    func wholeNumber(_ case_: (String, Int64?)) {
        #expect(JSONValue.number(case_.0).wholeNumber == case_.1)
        #expect(JSONValue.string(case_.0).wholeNumber == nil)
    }

    @Test("Text that is not one JSON value is refused", arguments: [
        "", "01", "1.", ".5", "+1", "-", "1e", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "'x'", "\"\\x\"", "\"\\ud800\"",
        "\"\\udc00\"", "\"a\u{1}\"", "nul", "true false", "{\"a\":1,\"a\":2}", "[1] x", "NaN", "Infinity",
        String(repeating: "[", count: 65) + String(repeating: "]", count: 65),
        String(repeating: "[", count: 200_000),
    ])
    func refusedText(text: String) {
        #expect(JSONValue.parse(text) == nil)
    }

    @Test("Strings, escapes and nesting read as written")
    func accepted() {
        #expect(JSONValue.parse(#" {"a": ["x\"\\\/\b\f\n\r\t", "\u00e9\ud83d\ude00"], "b": null, "c": true} "#)
                == .object(["a": .array([.string("x\"\\/\u{8}\u{C}\n\r\t"), .string("é😀")]), "b": .null, "c": .bool(true)]))
        let deep = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(JSONValue.parse(deep) != nil)
    }
}
