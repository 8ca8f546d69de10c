import Pricing

/// A tiny JSON writer with keys in the order given, so the same quote always gives the
/// same bytes (no dictionary hash order). It writes UTF-8 into one growing buffer; a
/// string without a character to escape is copied whole.
public struct JSONText {
    /// The document so far, UTF-8, without the final newline.
    private(set) var out: [UInt8] = []
    /// How deep the writer is: the open objects and arrays (at most 63: the documents
    /// written are a few levels deep).
    private var indent = 0
    /// Bit `d`: whether the container at depth `d` has an item already (a comma before the next).
    private var hasItems: UInt64 = 0

    /// A writer whose buffer starts with room for `capacity` bytes (it grows as needed).
    public init(capacity: Int = 1024) {
        out.reserveCapacity(capacity)
    }

    /// The document, with a final newline.
    public var text: String {
        String(unsafeUninitializedCapacity: out.count + 1) { buffer in
            _ = buffer.initialize(fromContentsOf: out)
            buffer[out.count] = 0x0A
            return out.count + 1
        }
    }

    /// The document's UTF-8 bytes with a final newline (``text`` without making a `String`).
    public mutating func finishedBytes() -> [UInt8] {
        out.append(0x0A)
        return out
    }

    /// `s` as a JSON string, quotes included: `"` and `\` escaped, line feed, carriage
    /// return and tab as `\n`, `\r`, `\t`, and every other character ``TerminalText``
    /// shows escaped (controls, DEL, C1, line separators, bidi overrides) as `\u00XX`.
    public static func quoted(_ s: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count + 2)
        appendQuoted(s, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``quoted(_:)`` of `s` to `out`.
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        // Fast path: no byte that is or could start an escaped character (below 0x20, `"`,
        // `\`, DEL, 0xC2 for C1, 0xE2 for the separators and bidi controls).
        let plain = s.utf8.withContiguousStorageIfAvailable { utf8 in
            guard !utf8.contains(where: mayNeedEscape) else { return false }
            out.append(contentsOf: utf8)
            return true
        } ?? false
        if !plain {
            for u in s.unicodeScalars { appendEscaped(u, to: &out) }
        }
        out.append(0x22)
    }

    @inline(__always)
    private static func mayNeedEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xC2 || b == 0xE2
    }

    private static func appendEscaped(_ u: Unicode.Scalar, to out: inout [UInt8]) {
        switch u {
        case "\"": out.append(contentsOf: [0x5C, 0x22])
        case "\\": out.append(contentsOf: [0x5C, 0x5C])
        case "\n": out.append(contentsOf: [0x5C, 0x6E])
        case "\r": out.append(contentsOf: [0x5C, 0x72])
        case "\t": out.append(contentsOf: [0x5C, 0x74])
        case _ where TerminalText.needsEscape(u):   // controls, DEL, C1, bidi overrides: inert on a terminal
            let hex = String(u.value, radix: 16)
            out.append(contentsOf: [0x5C, 0x75])
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 4 - hex.utf8.count))
            out.append(contentsOf: hex.utf8)
        default: UTF8.encode(u) { out.append($0) }
        }
    }

    /// A line feed and the current level's indentation, two spaces a level.
    private mutating func newLine() {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: 2 * indent))
    }

    private mutating func prefix(_ key: String?) {
        let bit: UInt64 = 1 << UInt64(indent)
        if hasItems & bit != 0 { out.append(0x2C) }
        hasItems |= bit
        if indent > 0 { newLine() }
        if let key {
            Self.appendQuoted(key, to: &out)
            out.append(contentsOf: [0x3A, 0x20])
        }
    }

    /// A raw JSON value (already encoded) under `key` (nil inside an array).
    public mutating func raw(_ key: String?, _ value: String) { prefix(key); out.append(contentsOf: value.utf8) }
    public mutating func string(_ key: String?, _ value: String) { prefix(key); Self.appendQuoted(value, to: &out) }
    public mutating func int(_ key: String?, _ value: Int) { prefix(key); ASCIIDecimal.append(Int64(value), to: &out) }
    public mutating func null(_ key: String?) { raw(key, "null") }

    /// `m` as a JSON string of its exact decimal, `"1316.93"` (``Money/description``).
    public mutating func money(_ key: String?, _ m: Money) {
        prefix(key)
        out.append(0x22)
        ExactDecimal.append(m.cents, decimals: 2, trimZeros: false, to: &out)
        out.append(0x22)
    }

    /// `p` as a JSON string of its shortest exact decimal, `"12.5"` (``Percent/description``).
    public mutating func percent(_ key: String?, _ p: Percent) {
        prefix(key)
        out.append(0x22)
        ExactDecimal.append(p.units, decimals: Percent.decimals, trimZeros: true, to: &out)
        out.append(0x22)
    }

    /// `d` as a JSON string, `"2026-11-01"`.
    public mutating func date(_ key: String?, _ d: LocalDate) {
        prefix(key)
        out.append(0x22)
        d.appendISO(to: &out)
        out.append(0x22)
    }

    public mutating func open(_ key: String?, array: Bool = false) {
        prefix(key)
        out.append(array ? 0x5B : 0x7B)
        precondition(indent < 63, "JSONText nests at most 63 levels")
        indent += 1
        hasItems &= ~(1 << UInt64(indent))
    }

    public mutating func close(array: Bool = false) {
        let hadItems = hasItems & (1 << UInt64(indent)) != 0
        indent -= 1
        if hadItems { newLine() }
        out.append(array ? 0x5D : 0x7D)
    }
}
