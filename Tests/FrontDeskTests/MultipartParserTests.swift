import Foundation
@testable import FrontDesk
import Hummingbird
import Testing

@Suite("Front desk: the streaming multipart parser")
struct MultipartParserTests {
    static let boundary = "----spaquoteBoundary7MA4YWxk"

    /// A multipart body with the fields and then the file part.
    static func body(fields: [(String, String)] = [("save", "on")], file: [UInt8], filename: String = "requests.csv",
                     boundary: String = boundary) -> [UInt8] {
        var out = ""
        for (name, value) in fields {
            out += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        out += "--\(boundary)\r\nContent-Disposition: form-data; name=\"requests\"; filename=\"\(filename)\"\r\nContent-Type: text/csv\r\n\r\n"
        return Array(out.utf8) + file + Array("\r\n--\(boundary)--\r\n".utf8)
    }

    /// Parses `bytes` fed in chunks of `size`: the parts' names, file names and contents.
    static func parse(_ bytes: [UInt8], chunk size: Int, boundary: String = boundary) throws -> [(name: String, filename: String?, content: [UInt8])] {
        var parser = try MultipartParser(boundary: boundary)
        var parts: [(name: String, filename: String?, content: [UInt8])] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + size, bytes.count)
            for event in try parser.feed(bytes[start..<end]) {
                switch event {
                case let .part(name, filename): parts.append((name, filename, []))
                case let .content(c): parts[parts.count - 1].content += c
                case .end: break
                }
            }
            start = end
        }
        try parser.finish()
        return parts
    }

    static let contents: [String] = [
        "request_id,location\r\nEX1,downtown\r\n",
        "line\r\n--not the boundary\r\n--",
        "ends in a CR\r",
        "\r\n\r\n\r\n",
        "--\(boundary.dropLast())x\r\n",   // all but the delimiter's last byte
        "", "no newline at all", "bare\nLF\nlines\n", "ünïcødé, \u{0}NUL, 🙂",
    ]

    @Test("Every chunk size gives the same parts: a delimiter split across chunks is found",
          arguments: [1, 2, 3, 5, 7, 13, 64, 4096])
    func chunkSizes(_ size: Int) throws {
        for content in Self.contents {
            let file = Array(content.utf8)
            let parts = try Self.parse(Self.body(file: file), chunk: size)
            #expect(parts.count == 2)
            #expect(parts[0].name == "save" && parts[0].filename == nil && parts[0].content == Array("on".utf8))
            #expect(parts[1].name == "requests" && parts[1].filename == "requests.csv")
            #expect(parts[1].content == file, "content \(content.debugDescription) in chunks of \(size)")
        }
    }

    @Test("A preamble and an epilogue are ignored; transport padding after a delimiter is allowed")
    func preambleEpilogue() throws {
        let b = Self.boundary
        let text = "preamble text\r\n--\(b)  \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nA\r\n--\(b)--\r\nepilogue"
        let parts = try Self.parse(Array(text.utf8), chunk: 3)
        #expect(parts.count == 1 && parts[0].name == "a" && parts[0].content == Array("A".utf8))
    }

    static let broken: [(String, String)] = [
        ("no closing delimiter", "--\(boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nA\r\n"),
        ("cut inside the headers", "--\(boundary)\r\nContent-Disposition: form-da"),
        ("nothing at all", ""),
        ("no boundary in the body", "just some text\r\n"),
    ]

    @Test("A body cut short or without its closing delimiter is refused", arguments: broken)
    func truncated(_ c: (String, String)) throws {
        #expect(throws: MultipartParser.Problem.truncated, "\(c.0)") { _ = try Self.parse(Array(c.1.utf8), chunk: 4) }
    }

    static let badParts: [(String, MultipartParser.Problem)] = [
        ("--\(boundary)\r\nContent-Type: text/plain\r\n\r\nA\r\n--\(boundary)--", .badPartHeader("no Content-Disposition")),
        ("--\(boundary)\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nA\r\n--\(boundary)--",
         .badPartHeader("Content-Disposition: attachment; name=\"a\"")),
        ("--\(boundary)\r\nContent-Disposition: form-data\r\n\r\nA\r\n--\(boundary)--", .badPartHeader("Content-Disposition: form-data")),
        ("--\(boundary)xx\r\n", .badDelimiter),
        ("--\(boundary)\r\nX: " + String(repeating: "a", count: 9000), .headerTooLarge),
    ]

    @Test("A part without form-data and a name, a bad delimiter line, or a huge header block is refused", arguments: badParts)
    func badPart(_ c: (String, MultipartParser.Problem)) throws {
        #expect(throws: c.1) { _ = try Self.parse(Array(c.0.utf8), chunk: 5) }
    }

    @Test("The boundary is read from the Content-Type", arguments: [
        ("multipart/form-data; boundary=abc", "abc"), ("Multipart/Form-Data;boundary=\"a b;c\"", "a b;c"),
        ("multipart/form-data; charset=utf-8; BOUNDARY=x-y", "x-y"),
        ("multipart/form-data", nil), ("application/x-www-form-urlencoded; boundary=abc", nil), ("multipart/form-data; boundary=", nil),
    ] as [(String, String?)])
    func boundaryOfContentType(_ c: (String, String?)) {
        #expect(MultipartParser.boundary(ofContentType: c.0) == c.1)
    }

    @Test("A boundary longer than 70 characters, empty or with a control character is refused",
          arguments: [String(repeating: "b", count: 71), "", "a\rb"])
    func badBoundary(_ boundary: String) {
        #expect(throws: MultipartParser.Problem.badBoundary) { _ = try MultipartParser(boundary: boundary) }
    }

    @Test("Quoted file names keep their semicolons, escaped quotes and spaces")
    func dispositionParameters() {
        let p = DispositionParameters(#" form-data; name="requests"; filename="my \"big\"; list.csv""#)
        #expect(p.kind == "form-data" && p["name"] == "requests" && p["filename"] == #"my "big"; list.csv"#)
    }

    /// A request body stream of `bytes` in chunks of `size`.
    static func stream(_ bytes: [UInt8], chunk size: Int) -> BodyStream {
        let chunks = stride(from: 0, to: bytes.count, by: size).map { ByteBuffer(bytes: bytes[$0..<min($0 + size, bytes.count)]) }
        return BodyStream(asyncSequence: chunks.async)
    }

    @Test("An upload streams the file to disk and keeps the small fields, in chunks of any size", arguments: [1, 17, 4096])
    func upload(_ size: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("multipart-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = Array(try Data(contentsOf: URL(fileURLWithPath: WebFixture.examples + "/requests.csv")))
        let path = folder.appendingPathComponent("requests.csv").path
        let upload = try await BatchUpload.receive(Self.stream(Self.body(file: file, filename: "mine <1>.csv"), chunk: size),
                                                   contentType: "multipart/form-data; boundary=\(Self.boundary)", into: path)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == file)
        #expect(upload.fields["save"] == "on" && upload.filename == "mine <1>.csv" && upload.fileBytes == file.count)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("An upload past the cap is refused with 413 as it streams, whatever it declared")
    func oversize() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("multipart-test-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let body = Self.body(file: Array(repeating: UInt8(ascii: "a"), count: 5000))
        do {
            _ = try await BatchUpload.receive(Self.stream(body, chunk: 1000), contentType: "multipart/form-data; boundary=\(Self.boundary)",
                                              into: path, maxBytes: 4096)
            Issue.record("an upload past the cap was taken")
        } catch let error as FrontDeskError {
            #expect(error.status == .contentTooLarge)
            #expect(error.reason.contains("larger than"))
        }
    }

    static let missing: [(String, [UInt8], HTTPResponse.Status)] = [
        ("no file part", Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"save\"\r\n\r\non\r\n--\(boundary)--\r\n".utf8), .unprocessableContent),
        ("no file chosen", body(file: [], filename: ""), .unprocessableContent),
        ("cut short", Array(body(file: Array("a,b\r\n".utf8)).dropLast(8)), .badRequest),
    ]

    @Test("An upload without its file, or cut short, is refused naming what is missing", arguments: missing)
    func missingPart(_ c: (String, [UInt8], HTTPResponse.Status)) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("multipart-test-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try await BatchUpload.receive(Self.stream(c.1, chunk: 7), contentType: "multipart/form-data; boundary=\(Self.boundary)", into: path)
            Issue.record("\(c.0) was taken")
        } catch let error as FrontDeskError {
            #expect(error.status == c.2, "\(c.0)")
            if c.2 == .unprocessableContent { #expect(error.field == "requests") }
        }
    }
}

extension Array where Element: Sendable {
    /// The elements as an async sequence.
    var async: AsyncStream<Element> {
        AsyncStream { continuation in
            for e in self { continuation.yield(e) }
            continuation.finish()
        }
    }
}
