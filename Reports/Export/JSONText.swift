/// A tiny JSON writer with keys in the order given, so the same quote always gives the
/// same bytes (no dictionary hash order).
public struct JSONText {
    private(set) var out = ""
    private var indent = 0
    private var needsComma = [false]

    public init() {}

    /// The document, with a final newline.
    public var text: String { out + "\n" }

    public static func quoted(_ s: String) -> String {
        var r = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\r": r += "\\r"
            case "\t": r += "\\t"
            case _ where TerminalText.needsEscape(u):   // controls, DEL, C1, bidi overrides: inert on a terminal
                let hex = String(u.value, radix: 16)
                r += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: r.unicodeScalars.append(u)
            }
        }
        return r + "\""
    }

    private mutating func prefix(_ key: String?) {
        if needsComma[needsComma.count - 1] { out += "," }
        needsComma[needsComma.count - 1] = true
        if indent > 0 { out += "\n" + String(repeating: "  ", count: indent) }
        if let key { out += JSONText.quoted(key) + ": " }
    }

    /// A raw JSON value (already encoded) under `key` (nil inside an array).
    public mutating func raw(_ key: String?, _ value: String) { prefix(key); out += value }
    public mutating func string(_ key: String?, _ value: String) { raw(key, JSONText.quoted(value)) }
    public mutating func int(_ key: String?, _ value: Int) { raw(key, String(value)) }
    public mutating func null(_ key: String?) { raw(key, "null") }

    public mutating func open(_ key: String?, array: Bool = false) {
        prefix(key)
        out += array ? "[" : "{"
        indent += 1
        needsComma.append(false)
    }

    public mutating func close(array: Bool = false) {
        let hadItems = needsComma.removeLast()
        indent -= 1
        if hadItems { out += "\n" + String(repeating: "  ", count: indent) }
        out += array ? "]" : "}"
    }
}
