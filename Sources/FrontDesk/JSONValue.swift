import Foundation

/// A JSON value as a request sent it, decoded without losing what the client wrote: a
/// number keeps its text (`3`, `3.5`), so the request parser judges it as the command
/// line's would.
enum JSONValue: Decodable, Sendable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .number(String(i)) }
        else if let d = try? c.decode(Double.self) { self = .number(d.description) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    /// Parses `text`, nil when it is not JSON.
    static func parse(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
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
}
