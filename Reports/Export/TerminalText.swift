/// Text for a terminal, with every piece of data made inert.
///
/// Build it by string interpolation: the literal parts are the program's own text (their
/// line feeds are line breaks), every interpolated value is data and is escaped with
/// ``inert(_:)``, line feeds included, so a client name, a request id or a file name can
/// neither send a control sequence to the terminal nor forge a line of its own:
///
///     let line: TerminalText = "saved \(quote.quoteID) in \(path)"
///
/// The visible form of an escaped character is Swift's: `\u{1B}` for ESC, `\u{A}` for a
/// line feed inside a value, `\u{202E}` for a right-to-left override.
public struct TerminalText: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The text; any line feed in it is the program's.
    public private(set) var description: String

    /// Program text as is (a literal, or text a renderer laid out line by line).
    public init(stringLiteral value: String) { description = value }

    public init(stringInterpolation: Interpolation) { description = stringInterpolation.text }

    /// Text laid out by the program from inert pieces (``TextLayout``): kept as it is.
    public init(layout: String) { description = layout }

    /// `data` shown as one piece of data: every control character escaped, line feeds included.
    public init(data: some StringProtocol) { description = TerminalText.inert(data) }

    /// Two texts one after the other.
    public static func + (a: TerminalText, b: TerminalText) -> TerminalText {
        var t = a
        t.description += b.description
        return t
    }

    public struct Interpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        /// The program's own text.
        public mutating func appendLiteral(_ literal: String) { text += literal }

        /// A value: data, made inert (line feeds included).
        public mutating func appendInterpolation(_ value: some Any) {
            text += TerminalText.inert(String(describing: value))
        }

        /// Text already made for the terminal: kept as it is.
        public mutating func appendInterpolation(_ value: TerminalText) { text += value.description }

        /// An optional would print as `Optional(...)`: unwrap it first.
        @available(*, unavailable, message: "unwrap the optional before interpolating it")
        public mutating func appendInterpolation<T>(_ value: T?) { text += String(describing: value) }
    }
}

extension TerminalText {
    /// `text` with every character that could act on a terminal, or make a line read
    /// differently, shown escaped as `\u{HEX}`: the C0 controls (line feed and tab
    /// included), DEL, the C1 controls U+0080-U+009F, and the bidirectional overrides and
    /// isolates U+202A-U+202E and U+2066-U+2069, and the line and paragraph separators
    /// U+2028 and U+2029 (which some terminals break lines at). Everything else is kept, so the result
    /// reads like the input; applying it twice changes nothing more.
    public static func inert(_ text: some StringProtocol) -> String {
        escaped(text, keepingLineFeeds: false)
    }

    /// Like ``inert(_:)`` but keeps line feeds: for whole texts whose lines are the
    /// program's (a rendered table, a message whose data was escaped when interpolated).
    public static func inertKeepingLineFeeds(_ text: some StringProtocol) -> String {
        escaped(text, keepingLineFeeds: true)
    }

    /// Whether `scalar` is shown escaped (a line feed only when `lineFeeds`).
    public static func needsEscape(_ scalar: Unicode.Scalar, lineFeeds: Bool = true) -> Bool {
        switch scalar.value {
        case 0x0A: lineFeeds
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    static func escaped(_ text: some StringProtocol, keepingLineFeeds: Bool) -> String {
        // Fast path: no byte that could start an escaped character (< 0x20, DEL, 0xC2 for
        // C1, 0xE2 for the bidi controls): the text is returned as it is.
        let suspect = text.utf8.contains { b in
            (b < 0x20 && !(keepingLineFeeds && b == 0x0A)) || b == 0x7F || b == 0xC2 || b == 0xE2
        }
        guard suspect else { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for u in text.unicodeScalars {
            if needsEscape(u, lineFeeds: !keepingLineFeeds) {
                out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

extension TerminalText {
    /// `message`, written by code that quotes command-line arguments in it (an argument
    /// parser's usage errors), made inert: each of `arguments` (and the value of each
    /// `--name=value`) that appears in it is escaped whole, line feeds included, so an
    /// argument cannot forge a line; the message's own line feeds are kept.
    public static func message(_ message: String, quoting arguments: [String]) -> String {
        var pieces = Set<String>()
        for a in arguments {
            pieces.insert(a)
            if a.hasPrefix("-"), let eq = a.firstIndex(of: "=") { pieces.insert(String(a[a.index(after: eq)...])) }
        }
        var scalars = message.unicodeScalars
        let hostile = pieces.filter { $0.unicodeScalars.contains { needsEscape($0) } }
        // Longest first, so a value inside a longer argument is escaped as part of it.
        for piece in hostile.sorted(by: { ($0.unicodeScalars.count, $0) > ($1.unicodeScalars.count, $1) }) {
            scalars = scalars.replacing(piece.unicodeScalars, with: inert(piece).unicodeScalars)
        }
        return inertKeepingLineFeeds(String(scalars))
    }
}
