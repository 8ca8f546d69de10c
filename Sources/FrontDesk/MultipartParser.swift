import Foundation

/// A streaming reader of a `multipart/form-data` body (RFC 7578): fed the body in chunks
/// of any size, it hands back each part's start (its field name and file name) and its
/// content as it comes, holding at most a chunk plus the delimiter's length in memory
/// (a part's header block is capped at ``maxHeaderBytes``). A delimiter split across
/// chunks, and CR, LF or CRLF inside a part's content, are handled.
struct MultipartParser {
    /// What the body holds, in order: a part starts, some of its content, the body ends.
    enum Event: Equatable {
        case part(name: String, filename: String?)
        case content([UInt8])
        case end
    }

    /// Why a body is not a usable multipart body.
    enum Problem: Error, Equatable {
        case badBoundary
        case headerTooLarge
        case badPartHeader(String)
        case badDelimiter
        case truncated
    }

    /// The largest header block of a part, in bytes.
    static let maxHeaderBytes = 8 * 1024

    private enum State { case preamble, headers, content, afterDelimiter, done }

    /// `CRLF--boundary`: the body is read as if it began with CRLF, so the first delimiter matches too.
    private let delimiter: [UInt8]
    private var pending: [UInt8] = [13, 10]
    private var state = State.preamble

    /// A parser for the boundary of the body's `Content-Type` (1 to 70 characters, RFC 2046).
    init(boundary: String) throws(Problem) {
        guard (1...70).contains(boundary.utf8.count), !boundary.utf8.contains(where: { $0 < 32 || $0 > 126 }) else {
            throw .badBoundary
        }
        delimiter = [13, 10, 45, 45] + Array(boundary.utf8)
    }

    /// The boundary of a `multipart/form-data; boundary=...` Content-Type, nil when it is not one.
    static func boundary(ofContentType contentType: String) -> String? {
        let params = DispositionParameters(contentType)
        guard params.kind == "multipart/form-data", let boundary = params["boundary"], !boundary.isEmpty else { return nil }
        return boundary
    }

    /// Whether the closing delimiter has been read.
    var isDone: Bool { state == .done }

    /// Reads `chunk` and returns the events it completes.
    mutating func feed(_ chunk: some Collection<UInt8>) throws(Problem) -> [Event] {
        guard state != .done else { return [] }   // the epilogue is ignored
        pending.append(contentsOf: chunk)
        var events: [Event] = []
        while try step(&events) {}
        return events
    }

    /// Checks that the body ended with its closing delimiter.
    func finish() throws(Problem) {
        guard state == .done else { throw .truncated }
    }

    /// Does one step of the state machine; false when it needs more bytes.
    private mutating func step(_ events: inout [Event]) throws(Problem) -> Bool {
        switch state {
        case .done: return false
        case .preamble, .content:
            if let at = Self.find(delimiter, in: pending) {
                if state == .content, at > 0 { events.append(.content(Array(pending[..<at]))) }
                pending.removeSubrange(..<(at + delimiter.count))
                state = .afterDelimiter
                return true
            }
            // Keep a tail that may be the start of a delimiter split across chunks.
            let safe = pending.count - (delimiter.count - 1)
            if safe > 0 {
                if state == .content { events.append(.content(Array(pending[..<safe]))) }
                pending.removeSubrange(..<safe)
            }
            return false
        case .afterDelimiter:
            guard pending.count >= 2 else { return false }
            if pending[0] == 45, pending[1] == 45 {
                state = .done
                pending = []
                events.append(.end)
                return false
            }
            // Transport padding (spaces and tabs) may follow a delimiter before its CRLF.
            var i = 0
            while i < pending.count, pending[i] == 32 || pending[i] == 9 { i += 1 }
            guard pending.count >= i + 2 else {
                if i > 256 { throw .badDelimiter }
                return false
            }
            guard pending[i] == 13, pending[i + 1] == 10 else { throw .badDelimiter }
            pending.removeSubrange(..<(i + 2))
            state = .headers
            return true
        case .headers:
            guard let end = Self.find([13, 10, 13, 10], in: pending) else {
                if pending.count > Self.maxHeaderBytes { throw .headerTooLarge }
                return false
            }
            guard end <= Self.maxHeaderBytes else { throw .headerTooLarge }
            let block = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeSubrange(..<(end + 4))
            events.append(try Self.partStart(block))
            state = .content
            return true
        }
    }

    /// The part's field name and file name from its header block.
    private static func partStart(_ block: String) throws(Problem) -> Event {
        for line in block.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":"),
                  line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            let params = DispositionParameters(String(line[line.index(after: colon)...]))
            guard params.kind == "form-data", let name = params["name"] else { throw .badPartHeader(String(line)) }
            return .part(name: name, filename: params["filename"])
        }
        throw .badPartHeader("no Content-Disposition")
    }

    /// The first index where `needle` starts in `haystack`, nil when it does not.
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        let last = haystack.count - needle.count
        var i = 0
        while i <= last {
            guard let hit = haystack[i...last].firstIndex(of: first) else { return nil }
            if haystack[hit..<(hit + needle.count)].elementsEqual(needle) { return hit }
            i = hit + 1
        }
        return nil
    }
}

/// The parameters of a `Content-Disposition: form-data; name="x"; filename="y"` value
/// (or of a `Content-Type`): quoted strings with `\"` and `\\` escapes, or tokens; names
/// are case-insensitive.
struct DispositionParameters {
    private(set) var kind = ""
    private var values: [String: String] = [:]

    init(_ text: String) {
        var chars = Substring(text)
        kind = Self.token(&chars).lowercased()
        while let semicolon = chars.firstIndex(of: ";") {
            chars = chars[chars.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
            let name = Self.token(&chars).lowercased()
            guard chars.first == "=" else { continue }
            chars = chars.dropFirst()
            let value = chars.first == "\"" ? Self.quoted(&chars) : Self.token(&chars)
            if values[name] == nil { values[name] = value }
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    private static func token(_ chars: inout Substring) -> String {
        let end = chars.firstIndex { $0 == ";" || $0 == "=" } ?? chars.endIndex
        let token = chars[..<end].trimmingCharacters(in: .whitespaces)
        chars = chars[end...]
        return token
    }

    private static func quoted(_ chars: inout Substring) -> String {
        var out = "", escaped = false
        chars = chars.dropFirst()
        while let c = chars.first {
            chars = chars.dropFirst()
            if escaped { out.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { break } else { out.append(c) }
        }
        return out
    }
}
