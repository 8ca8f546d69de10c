import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import FrontDesk

extension WebFixture {
    /// The package's example files (the rate card, requests, expected outputs).
    static let examples = packageRoot.appendingPathComponent("Examples").path

    /// The bytes of the example file `name`.
    static func example(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: examples + "/" + name)))
    }
}

extension Browser {
    /// Uploads `file` to `POST /batches` as the form does (multipart, the CSRF token in the
    /// action's query unless `csrf` is given), and returns the response's status and Location.
    func upload(_ client: any TestClientProtocol, _ file: [UInt8], save: Bool = false, csrf: String? = nil,
                extraHeaders: HTTPFields = [:]) async throws -> (HTTPResponse.Status, String) {
        let fields = save ? [("save", "on")] : []
        var headers: HTTPFields = [.cookie: cookie, .origin: "http://localhost",
                                   .contentType: "multipart/form-data; boundary=\(MultipartParserTests.boundary)"]
        for field in extraHeaders { headers.append(field) }
        let body = ByteBuffer(bytes: MultipartParserTests.body(fields: fields, file: file))
        return try await client.execute(uri: "/batches?csrf=\(csrf ?? self.csrf)", method: .post, headers: headers, body: body) { r in
            (r.status, r.headers[.location] ?? "")
        }
    }

    /// Waits until the batch page `location` no longer says it is running; returns the page.
    func finished(_ client: any TestClientProtocol, _ location: String) async throws -> String {
        for _ in 0..<600 {
            let (status, text) = try await client.execute(uri: location, method: .get, headers: [.cookie: cookie]) { ($0.status, $0.body.text) }
            #expect(status == .ok)
            if !text.contains("Running") { return text }
            #expect(text.contains("<meta http-equiv=\"refresh\" content=\"1\">"))
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the batch at \(location) did not end in 30 s")
        return ""
    }

    /// The body of `GET uri`, which must answer 200.
    func download(_ client: any TestClientProtocol, _ uri: String) async throws -> [UInt8] {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { r in
            #expect(r.status == .ok, "\(uri)")
            return Array(buffer: r.body)
        }
    }
}

extension WebFixture {
    /// Runs `body` with a client of the application served on a loopback port, its services
    /// running; the server stops gracefully when `body` returns.
    func testLive<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let clock = clock
        var settings = settings
        settings.port = 0
        let app = try await FrontDesk.application(
            settings: settings, store: store,
            clock: FrontDeskClock(now: { clock.now }, today: { WebFixture.today }))
        return try await app.test(.live, body)
    }
}
