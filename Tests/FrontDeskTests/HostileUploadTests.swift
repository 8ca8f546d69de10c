import Foundation
import FrontDesk
import Hummingbird
import Ledger
import HummingbirdTesting
import Pricing
import Reports
import Testing

/// Batches with hostile contents and hostile upload file names: the downloads are the bytes
/// `spaquote batch` writes for the same file (formula prefixes neutralized as the command
/// line's), and the batch page shows the file name and columns escaped.
@Suite("Front desk: hostile batch uploads")
struct HostileUploadTests {
    typealias H = HostileText

    /// A requests CSV with every hostile text as client and request id, a hostile promotion,
    /// and a hostile unknown column.
    static func requests() -> [UInt8] {
        func cell(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var text = "request_id,client,location,tier,areas,sessions,promo,quote_date,\(cell("<img src=x onerror=alert(1)>"))\r\n"
        for (i, (_, t)) in H.texts.enumerated() where !t.utf8.contains(0) {
            text += "\(cell("\(i)\(t)")),\(cell(t)),downtown,senior,face,3,,2026-11-01,x\r\n"
            text += "P\(i),Promo \(i),downtown,senior,face,3,\(cell(t)),2026-11-01,x\r\n"
        }
        return Array(text.utf8)
    }

    /// What `spaquote batch` writes for `file` (the library call the command makes).
    static func expected(_ file: [UInt8]) throws -> [String: [UInt8]] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-expected-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("requests.csv")
        try Data(file).write(to: input)
        var out: [String: [UInt8]] = [:]
        for name in ["quotes.csv", "quotes.xlsx"] {
            let batch = BatchRun(card: try RateCard.load(path: WebFixture.pricingPath), requestsPath: input.path,
                                 outputPath: folder.appendingPathComponent(name).path,
                                 rejectsPath: folder.appendingPathComponent("rejects.csv").path, today: WebFixture.today)
            _ = try batch.run()
            for file in [name, "rejects.csv"] { out[file] = Array(try Data(contentsOf: folder.appendingPathComponent(file))) }
        }
        return out
    }

    @Test("A batch of hostile rows: quotes CSV and XLSX and rejects are the bytes spaquote batch writes, every formula prefix neutralized")
    func sameBytes() async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        let file = Self.requests(), expected = try Self.expected(file)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            let (status, location) = try await b.upload(client, file)
            #expect(status == .seeOther)
            let page = try await b.finished(client, location)
            #expect(H.shownEscaped("<img src=x onerror=alert(1)>", in: page), "the ignored column")
            for name in ["quotes.csv", "quotes.xlsx", "rejects.csv"] {
                #expect(try await b.download(client, location + "/" + name) == expected[name], "\(name)")
            }
            let quotes = String(decoding: try await b.download(client, location + "/quotes.csv"), as: UTF8.self)
            for prefix in ["=cmd|", "+1", "-1", "@SUM(1)", "=1+1"] {
                #expect(quotes.contains(",'\(prefix)") || quotes.contains(",\"'\(prefix)"), "\(prefix) neutralized")
                #expect(!quotes.contains(",\(prefix)") && !quotes.contains(",\"\(prefix)"), "\(prefix) not raw")
            }
            let rejects = String(decoding: try await b.download(client, location + "/rejects.csv"), as: UTF8.self)
            #expect(rejects.contains("promo"))
        }
    }

    static let filenames = [
        "../../../etc/passwd", "..\\\\..\\\\x.csv", #"a\"b.csv"#, "a\r\nX-Injected: 1.csv", "<script>alert(1)</script>.csv",
        "\u{600}<img src=x onerror=alert(1)>.csv", "a\u{0}b.csv", String(repeating: "n", count: 5_000) + ".csv", "/abs/path.csv",
    ]

    @Test("A hostile upload file name: the batch runs on the server's own file (or the upload is refused), and the page shows the name escaped",
          arguments: filenames)
    func filename(_ name: String) async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path))
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            let headers: HTTPFields = [.cookie: b.cookie, .origin: "http://localhost",
                                       .contentType: "multipart/form-data; boundary=\(MultipartParserTests.boundary)"]
            let body = MultipartParserTests.body(fields: [], file: try WebFixture.example("requests.csv"), filename: name)
            let (status, location) = try await client.execute(uri: "/batches?csrf=\(b.csrf)", method: .post, headers: headers,
                                                              body: ByteBuffer(bytes: body)) { ($0.status, $0.headers[.location] ?? "") }
            if status == .seeOther {
                let page = try await b.finished(client, location)
                #expect(page.contains("<td class=\"money\" id=\"quoted\">"))
                #expect(H.noRaw(name, in: page))
                #expect(!page.contains("<script>alert"))
                #expect(!page.contains("X-Injected"), "no header from the name")
                _ = try await b.download(client, location + "/quotes.csv")
            } else {
                #expect(status.code >= 400 && status.code < 500, "\(status)")
            }
        }
        // Nothing was written outside the job's folder (which is gone with the server).
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path))
        #expect(after.subtracting(before).filter { $0.contains("passwd") || $0.hasSuffix(".csv") }.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "/abs/path.csv"))
    }

    @Test("A hostile client's workbook from the web (staff and client link) is the bytes the command line's writer gives for the saved quote",
          arguments: H.texts.filter { !$0.1.utf8.contains(0) })
    func quoteWorkbook(_ text: (String, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        let clinic = try RateCard.load(path: WebFixture.pricingPath).clinic
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            let body = #"{"client":\#(H.json(text.1)),"location":"downtown","tier":"senior","areas":["face"],"sessions":3}"#
            let answer = try await client.execute(uri: "/api/v1/quotes", method: .post, headers: b.headers(),
                                                  body: ByteBuffer(string: body)) { $0.body.text }
            let id = try #require(answer.firstMatch(of: /"quote_id": "(Q-[0-9-]+)"/)?.1).description
            let token = try #require(answer.firstMatch(of: /"share_url": "\/c\/([A-Za-z0-9_-]+)"/)?.1).description
            let quote = try await desk.store.entry(try #require(QuoteNumber(id))).quote
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-xlsx-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("quote.xlsx").path
            try ClientQuoteWorkbook.write(quote, clinic: clinic, to: path)
            let expected = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(try await b.download(client, "/quotes/\(id)/quote.xlsx") == expected)
            let linked = try await client.execute(uri: "/c/\(token)/quote.xlsx", method: .get) { Array(buffer: $0.body) }
            #expect(linked == expected)
        }
    }
}
