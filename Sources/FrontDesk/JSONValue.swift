/// A JSON value as a request sent it, parsed without losing what the client wrote: a
/// number keeps its exact text (`3`, `3.0`, `1e1`, `-0`, digits past Int64), never
/// passing through a binary float, so the request reader judges it as written
/// (``RequestBody``). Parsed by ``JSONValue/parse(_:)`` (RFC 8259).
enum JSONValue: Sendable, Equatable {
    case string(String)
    /// A number, as its JSON text.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses `text` (one JSON value, spaces around it allowed), nil when it is not JSON,
    /// nests deeper than ``JSONReader/maxDepth``, repeats a key in an object, or holds an
    /// escaped lone surrogate.
    static func parse(_ text: String) -> JSONValue? {
        parse(Array(text.utf8))
    }

    /// Parses the UTF-8 `bytes` as ``parse(_:)-(String)`` parses text (a string's invalid
    /// UTF-8 repaired to U+FFFD, as `String(decoding:as:)` repairs it).
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        var reader = JSONReader(bytes)
        return reader.document()
    }

    /// The value as the text a client meant, for messages.
    var shown: String {
        switch self {
        case let .string(s), let .number(s): s
        case let .bool(b): String(b)
        case .null: "null"
        case let .array(items): items.map(\.shown).joined(separator: ",")
        case .object: "{...}"
        }
    }

    /// The whole number this value writes as a JSON integer (`-?(0|[1-9][0-9]*)`, not
    /// `-0`), nil for anything else: a fraction or exponent (`3.0`, `1e1`), `-0`, a number
    /// outside Int64, a string, any other value.
    var wholeNumber: Int64? {
        guard case let .number(text) = self, text != "-0" else { return nil }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int64(text)
    }
}
