import Foundation
import Hummingbird

/// A batch form's body (`multipart/form-data`) read as it arrives: the file part
/// `requests` streamed into a private file, the small fields (the "save" box) kept.
/// Never more than a chunk of the body is held in memory.
struct BatchUpload {
    /// The largest upload, in bytes (the whole body): 200 MiB.
    static let maxBytes = 200 << 20
    /// The largest value of a field that is not the file, in bytes.
    static let maxFieldBytes = 1024
    /// The file part's field name.
    static let fileField = "requests"

    /// The fields that are not the file.
    var fields: [String: String] = [:]
    /// The file's bytes written.
    var fileBytes = 0
    /// The file name the browser gave the file part (shown, never used as a path).
    var filename = "requests.csv"

    /// Reads `stream` (whose Content-Type is `contentType`) to its end, writing the file
    /// part into `path` (created 0600).
    ///
    /// - Throws: ``FrontDeskError``: 413 past `maxBytes`, 400 for a body that is not
    ///   multipart or is cut short, 422 naming `requests` when no file was chosen.
    static func receive(_ stream: BodyStream, contentType: String, into path: String,
                        maxBytes: Int = maxBytes) async throws -> BatchUpload {
        guard let boundary = MultipartParser.boundary(ofContentType: contentType) else {
            throw FrontDeskError(.unsupportedMediaType, field: "Content-Type", value: contentType,
                                 "send the batch form as multipart/form-data (the form's file box does)")
        }
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let file = FileHandle(forWritingAtPath: path) else {
            throw FrontDeskError(.internalServerError, "the server could not store the upload; try again")
        }
        defer { try? file.close() }
        var parser = try Self.parser(boundary), upload = BatchUpload(), total = 0
        var current: String?, fileParts = 0
        for try await chunk in stream {
            total += chunk.readableBytes
            guard total <= maxBytes else { throw FrontDeskError.uploadTooLarge(maxBytes) }
            for event in try Self.events(&parser, chunk) {
                switch event {
                case let .part(name, filename):
                    current = name
                    if name == fileField, let filename, !filename.isEmpty { fileParts += 1; upload.filename = filename }
                    else if name == fileField { current = nil }   // no file chosen: an empty part
                case let .content(bytes) where current == fileField:
                    try file.write(contentsOf: bytes)
                    upload.fileBytes += bytes.count
                case let .content(bytes):
                    guard let name = current else { continue }
                    var value = upload.fields[name, default: ""]
                    value += String(decoding: bytes, as: UTF8.self)
                    guard value.utf8.count <= maxFieldBytes else {
                        throw FrontDeskError(.unprocessableContent, field: name, value: String(value.prefix(40)), "is too long for this form")
                    }
                    upload.fields[name] = value
                case .end: break
                }
            }
        }
        do { try parser.finish() } catch { throw Self.malformed }
        guard fileParts == 1 else {
            throw FrontDeskError(.unprocessableContent, field: fileField, value: "",
                                 fileParts == 0 ? "no file was chosen; choose a requests CSV file" : "send one requests file at a time")
        }
        return upload
    }

    private static let malformed = FrontDeskError(.badRequest, "the upload was cut short or is not a multipart/form-data body; send the form again")

    private static func parser(_ boundary: String) throws(FrontDeskError) -> MultipartParser {
        do { return try MultipartParser(boundary: boundary) } catch { throw malformed }
    }

    private static func events(_ parser: inout MultipartParser, _ chunk: ByteBuffer) throws(FrontDeskError) -> [MultipartParser.Event] {
        do { return try parser.feed(chunk.readableBytesView) } catch { throw malformed }
    }
}

extension FrontDeskError {
    /// 413: a streamed upload past `maxBytes`.
    static func uploadTooLarge(_ maxBytes: Int) -> FrontDeskError {
        FrontDeskError(.contentTooLarge, "the upload is larger than \(maxBytes >> 20) MiB; split the requests file into smaller ones and send each")
    }
}
