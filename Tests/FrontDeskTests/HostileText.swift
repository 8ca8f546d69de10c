import Foundation

/// Hostile text for the front desk's injection tests: SQL metacharacters, HTML and script,
/// spreadsheet formula prefixes, Unicode tricks and 10 kB, with what a page must show.
enum HostileText {
    /// The texts, named (the name shows in the test's arguments).
    static let texts: [(String, String)] = [
        ("sql drop", "'; DROP TABLE quote; --"), ("sql percent", "%"), ("sql underscore", "_"), ("sql backslash", #"\\"#),
        ("sql or", #"" OR 1=1 --"#), ("html img", "<img src=x onerror=alert(1)>"),
        ("html script", "</script><script>alert(1)</script>"), ("html attribute", #"" autofocus onfocus=alert(1) x=""#),
        ("javascript url", "javascript:alert(1)"),
        // One grapheme cluster each with the `<` or `"` (Mustache's own escaping, by Character, missed them).
        ("html prepended", "\u{600}<img src=x onerror=alert(1)>"), ("html combined quote", "x\"\u{301} autofocus onfocus=alert(1) x=\""),
        ("formula cmd", "=cmd|' /C calc'!A0"), ("formula plus", "+1"), ("formula minus", "-1"), ("formula at", "@SUM(1)"),
        ("formula tab", "\t=1+1"), ("formula cr", "\r=1+1"), ("rtl override", "Ana \u{202E}gnp.exe"), ("nul", "a\u{0}b"),
        ("long", String(repeating: "é<'\"%_", count: 10_240 / 6)),
    ]

    /// `text` as a page must show it: `& < > " '` as character references, scalar by scalar
    /// (the test's own rule, not the product's).
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `html` shows `text` escaped and holds none of it raw (raw only matters when
    /// escaping changes it). Compared as UTF-8 bytes: Swift's String search works on
    /// characters, and would not find a text whose first scalar joins the one before it.
    static func shownEscaped(_ text: String, in html: String) -> Bool {
        let page = Array(html.utf8), wanted = Array(escaped(text).utf8), raw = Array(text.utf8)
        return contains(page, wanted) && (wanted == raw || !contains(page, raw))
    }

    /// Whether `html` holds none of the hostile parts of `text` raw.
    static func noRaw(_ text: String, in html: String) -> Bool {
        let page = Array(html.utf8), raw = Array(text.utf8)
        return escaped(text) == text || !contains(page, raw)
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// `text` as a JSON string literal (control characters as `\u00XX`).
    static func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `text` percent-encoded for a query or a form body (every byte but letters and digits).
    static func encoded(_ text: String) -> String {
        text.utf8.map { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                ? String(UnicodeScalar(b)) : String(format: "%%%02X", b)
        }.joined()
    }

    /// `text` trimmed of spaces and tabs, as the request reader keeps it.
    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let f = scalars.first, f == " " || f == "\t" { scalars.removeFirst() }
        while let l = scalars.last, l == " " || l == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// `text` trimmed of white space (line breaks included), as a contact is kept.
    static func trimmedWhiteSpace(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    static func bytes(_ s: String?) -> [UInt8]? { s.map { Array($0.utf8) } }
}
