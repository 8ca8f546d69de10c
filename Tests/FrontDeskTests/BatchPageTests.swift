import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import LedgerSQLite
import Pricing
import Reports
import Testing
import Workflows

@Suite("Front desk: batches on the web")
struct BatchPageTests {
    /// What `spaquote batch` writes for `requests`: quotes CSV, quotes XLSX and rejects,
    /// through the same library call (saved into `store` when given).
    static func expected(_ requests: String, store: (any LedgerStore)? = nil) async throws -> [String: [UInt8]] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("batch-expected-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The web names its upload requests.csv in its folder: the same name here (the ledger's source).
        let input = folder.appendingPathComponent("requests.csv").path
        try FileManager.default.copyItem(atPath: WebFixture.examples + "/" + requests, toPath: input)
        var out: [String: [UInt8]] = [:]
        for name in ["quotes.csv", "quotes.xlsx"] where store == nil || name == "quotes.csv" {
            let batch = BatchRun(card: try RateCard.load(path: WebFixture.pricingPath), requestsPath: input,
                                 outputPath: folder.appendingPathComponent(name).path,
                                 rejectsPath: folder.appendingPathComponent("rejects.csv").path, today: WebFixture.today)
            if let store { _ = try await BatchSave(batch, into: store).run() } else { _ = try batch.run() }
            for file in [name, "rejects.csv"] { out[file] = Array(try Data(contentsOf: folder.appendingPathComponent(file))) }
        }
        return out
    }

    @Test("A manager's upload gives the bytes spaquote batch writes: quotes CSV and XLSX, rejects",
          arguments: ["requests.csv", "requests-bad.csv"])
    func sameBytes(_ requests: String) async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        let expected = try await Self.expected(requests)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            let (status, location) = try await b.upload(client, try WebFixture.example(requests))
            #expect(status == .seeOther)
            #expect(location.hasPrefix("/batches/") && location.count > "/batches/".count + 22)
            let page = try await b.finished(client, location)
            #expect(page.contains("Quotes (CSV)"))
            for name in ["quotes.csv", "quotes.xlsx", "rejects.csv"] {
                #expect(try await b.download(client, location + "/" + name) == expected[name], "\(name)")
            }
            #expect(try await desk.store.entries(matching: .all, after: nil, limit: 10).isEmpty)   // not asked to save
        }
    }

    @Test("With save, the ledger holds the quotes, and the quotes CSV carries the ledger's ids as batch --save writes them")
    func save() async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        let reference = try await SQLiteStore.inMemory()
        let expected = try await Self.expected("requests.csv", store: reference)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            let (status, location) = try await b.upload(client, try WebFixture.example("requests.csv"), save: true)
            #expect(status == .seeOther)
            let page = try await b.finished(client, location)
            #expect(page.contains("<td class=\"money\" id=\"saved\">5</td>"))
            #expect(try await b.download(client, location + "/quotes.csv") == expected["quotes.csv"])
        }
        let saved = try await desk.store.entries(matching: .all, after: nil, limit: 100)
        let wanted = try await reference.entries(matching: .all, after: nil, limit: 100)
        #expect(saved.count == 5)
        #expect(saved.map { QuoteJSON.render($0.quote) } == wanted.map { QuoteJSON.render($0.quote) })
    }

    @Test("A manager of some locations: rows of other locations are rejected with the reason, and not saved")
    func locations() async throws {
        let desk = try await WebFixture()
        try await desk.account("down", .manager, at: ["downtown"])
        try await desk.test { client in
            let b = try await Browser.signIn(client, "down")
            let (_, location) = try await b.upload(client, try WebFixture.example("requests.csv"), save: true)
            let page = try await b.finished(client, location)
            let rejects = String(decoding: try await b.download(client, location + "/rejects.csv"), as: UTF8.self)
            let quotes = String(decoding: try await b.download(client, location + "/quotes.csv"), as: UTF8.self)
            let expectedQuoted = try String(contentsOfFile: WebFixture.examples + "/requests.csv", encoding: .utf8)
                .split(separator: "\n").dropFirst().filter { $0.contains(",downtown,") }.count
            #expect(expectedQuoted > 0)
            #expect(page.contains("<td class=\"money\" id=\"quoted\">\(expectedQuoted)</td>"))
            #expect(rejects.contains("location 'uptown': is not one of your locations (downtown)"))
            #expect(!quotes.contains(",uptown,") && !quotes.contains(",riverside,"))
        }
        let saved = try await desk.store.entries(matching: .all, after: nil, limit: 100)
        #expect(!saved.isEmpty && saved.allSatisfy { $0.quote.request.location == "downtown" })
    }

    static let managerRoutes: [(HTTPRequest.Method, String)] = [
        (.get, "/batches/new"), (.post, "/batches"), (.get, "/batches/abc"), (.get, "/batches/abc/quotes.csv"),
        (.get, "/batches/abc/quotes.xlsx"), (.get, "/batches/abc/rejects.csv"), (.get, "/reports/monthly"),
        (.get, "/reports/monthly?from=2026-11&to=2027-01"), (.get, "/reports/monthly.csv"), (.get, "/reports/monthly.xlsx"),
    ]

    @Test("A clerk gets 403 on every batch and report route; signed out gets the sign-in page", arguments: managerRoutes)
    func clerkRefused(_ route: (HTTPRequest.Method, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            let uri = route.0 == .post ? route.1 + "?csrf=\(b.csrf)" : route.1
            try await client.execute(uri: uri, method: route.0, headers: [.cookie: b.cookie, .origin: "http://localhost"]) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: route.1, method: route.0, headers: [.origin: "http://localhost"]) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/signin")
            }
        }
    }

    @Test("An upload without the CSRF token, with a wrong one or from another site is refused, and runs nothing",
          arguments: ["none", "wrong", "cross-site"])
    func csrf(_ case_: String) async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            let file = try WebFixture.example("requests.csv")
            let (status, location): (HTTPResponse.Status, String)
            switch case_ {
            case "none":
                (status, location) = try await client.execute(uri: "/batches", method: .post,
                    headers: [.cookie: b.cookie, .contentType: "multipart/form-data; boundary=\(MultipartParserTests.boundary)"],
                    body: ByteBuffer(bytes: MultipartParserTests.body(file: file))) { ($0.status, $0.headers[.location] ?? "") }
            case "wrong": (status, location) = try await b.upload(client, file, save: true, csrf: String(b.csrf.reversed()))
            default: (status, location) = try await b.upload(client, file, save: true, extraHeaders: [.origin: "https://evil.example"])
            }
            #expect(status == .forbidden)
            #expect(location.isEmpty)
        }
        #expect(try await desk.store.entries(matching: .all, after: nil, limit: 10).isEmpty)
    }

    @Test("Another manager's job is 404 on its page and downloads; an admin sees it; an unknown id is 404")
    func otherUsersJob() async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        try await desk.account("other", .manager)
        try await desk.account("root", .admin)
        try await desk.test { client in
            let boss = try await Browser.signIn(client, "boss"), other = try await Browser.signIn(client, "other")
            let root = try await Browser.signIn(client, "root")
            let (_, location) = try await boss.upload(client, try WebFixture.example("requests.csv"))
            _ = try await boss.finished(client, location)
            for suffix in ["", "/quotes.csv", "/quotes.xlsx", "/rejects.csv"] {
                for (browser, uri, status) in [(other, location + suffix, HTTPResponse.Status.notFound), (root, location + suffix, .ok),
                                               (boss, "/batches/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" + suffix, .notFound),
                                               (boss, "/batches/..%2F..%2Fetc" + suffix, .notFound)] {
                    try await client.execute(uri: uri, method: .get, headers: [.cookie: browser.cookie]) { response in
                        #expect(response.status == status, "\(uri)")
                    }
                }
            }
        }
    }

    @Test("A form without a file shows the form again with the reason (422); a body that is not multipart is 415")
    func refusedForms() async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            let empty = ByteBuffer(bytes: MultipartParserTests.body(file: [], filename: ""))
            var headers: HTTPFields = [.cookie: b.cookie, .origin: "http://localhost",
                                       .contentType: "multipart/form-data; boundary=\(MultipartParserTests.boundary)"]
            try await client.execute(uri: "/batches?csrf=\(b.csrf)", method: .post, headers: headers, body: empty) { r in
                #expect(r.status == .unprocessableContent)
                #expect(r.body.text.contains("id=\"requests-error\""))
                #expect(r.body.text.contains("choose a requests CSV file"))
            }
            headers[.contentType] = "text/csv"
            try await client.execute(uri: "/batches?csrf=\(b.csrf)", method: .post, headers: headers,
                                     body: ByteBuffer(bytes: try WebFixture.example("requests.csv"))) { r in
                #expect(r.status == .unsupportedMediaType)
            }
        }
    }

    @Test("A file that cannot be read as requests ends the job with the reason naming the upload, not the server's folder")
    func failedJob() async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            let (_, location) = try await b.upload(client, Array("not,a,requests,header\r\n1,2,3,4\r\n".utf8))
            let page = try await b.finished(client, location)
            #expect(page.contains("The batch stopped: requests.csv"))
            #expect(!page.contains(FileManager.default.temporaryDirectory.path))
            try await client.execute(uri: location + "/quotes.csv", method: .get, headers: [.cookie: b.cookie]) { #expect($0.status == .notFound) }
        }
    }
}

@Suite("Front desk: batches over a real connection")
struct LiveBatchTests {
    /// A requests CSV of `rows` valid rows (several MiB: more than the 1 MiB a collected body may hold).
    static func bigRequests(rows: Int) -> [UInt8] {
        var text = "request_id,client,location,tier,areas,sessions,quote_date\r\n"
        for i in 1...rows { text += "R\(i),Client number \(i) with a rather long name to fill the line,downtown,senior,face;neck,3,2026-11-01\r\n" }
        return Array(text.utf8)
    }

    @Test("An upload larger than a collected body is streamed and priced; the job's folder is gone once the server stops")
    func streamedAndCleaned() async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        let file = Self.bigRequests(rows: 12_000)
        #expect(file.count > 1 << 20)
        let location = try await desk.testLive { client in
            let b = try await Browser.signIn(client, "boss")
            let (status, location) = try await b.upload(client, file)
            #expect(status == .seeOther)
            let page = try await b.finished(client, location)
            #expect(page.contains("<td class=\"money\" id=\"quoted\">12000</td>"))
            let quotes = try await b.download(client, location + "/quotes.csv")
            #expect(quotes.count(where: { $0 == 10 }) == 12_001)
            return location
        }
        let id = String(location.dropFirst("/batches/".count))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spaquote-batch-\(id)").path
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}

extension BatchPageTests {
    @Test("A finished job is kept an hour, then its page and downloads are gone with its folder")
    func expiry() async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            let (_, first) = try await b.upload(client, try WebFixture.example("requests.csv"))
            _ = try await b.finished(client, first)
            desk.clock.advance(3000)
            let (_, second) = try await b.upload(client, try WebFixture.example("requests.csv"))   // sweeps: the first is kept
            _ = try await b.finished(client, second)
            _ = try await b.download(client, first + "/quotes.csv")
            desk.clock.advance(700)   // the first ended 3,700 s ago
            let (_, third) = try await b.upload(client, try WebFixture.example("requests.csv"))
            _ = try await b.finished(client, third)
            for uri in [first, first + "/quotes.csv"] {
                try await client.execute(uri: uri, method: .get, headers: [.cookie: b.cookie]) { #expect($0.status == .notFound) }
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spaquote-batch-\(first.dropFirst("/batches/".count))")
            #expect(!FileManager.default.fileExists(atPath: folder.path))
            _ = try await b.download(client, second + "/quotes.csv")
        }
    }
}
