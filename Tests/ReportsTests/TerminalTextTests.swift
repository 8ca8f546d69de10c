import PropertyBased
import Testing
@testable import Reports

/// Hostile pieces of text, one per kind of character that can act on a terminal or make
/// a line read differently, with their inert form.
struct Hostile: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var inert: String
    var testDescription: String { name }

    static let all: [Hostile] = [
        Hostile(name: "OSC title", text: "\u{1B}]0;pwned\u{7}", inert: "\\u{1B}]0;pwned\\u{7}"),
        Hostile(name: "CSI clear screen", text: "\u{1B}[2J\u{1B}[H", inert: "\\u{1B}[2J\\u{1B}[H"),
        Hostile(name: "BEL", text: "ding\u{7}", inert: "ding\\u{7}"),
        Hostile(name: "backspaces", text: "Ana\u{8}\u{8}\u{8}Eve", inert: "Ana\\u{8}\\u{8}\\u{8}Eve"),
        Hostile(name: "carriage return", text: "Ana\rEve", inert: "Ana\\u{D}Eve"),
        Hostile(name: "line feed", text: "Ana\nspaquote: forged", inert: "Ana\\u{A}spaquote: forged"),
        Hostile(name: "CR LF", text: "Ana\r\nforged", inert: "Ana\\u{D}\\u{A}forged"),
        Hostile(name: "tab", text: "Ana\tEve", inert: "Ana\\u{9}Eve"),
        Hostile(name: "DEL", text: "Ana\u{7F}", inert: "Ana\\u{7F}"),
        Hostile(name: "C1 CSI", text: "\u{9B}2J", inert: "\\u{9B}2J"),
        Hostile(name: "C1 OSC and ST", text: "\u{9D}0;t\u{9C}", inert: "\\u{9D}0;t\\u{9C}"),
        Hostile(name: "bidi override", text: "\u{202E}evE anA", inert: "\\u{202E}evE anA"),
        Hostile(name: "bidi embedding", text: "\u{202B}x\u{202C}", inert: "\\u{202B}x\\u{202C}"),
        Hostile(name: "bidi isolates", text: "\u{2066}Ana\u{2069}\u{2067}\u{2068}", inert: "\\u{2066}Ana\\u{2069}\\u{2067}\\u{2068}"),
        Hostile(name: "line and paragraph separators", text: "Ana\u{2028}Fake line\u{2029}", inert: "Ana\\u{2028}Fake line\\u{2029}"),
        Hostile(name: "escape then accent", text: "\u{1B}\u{301}", inert: "\\u{1B}\u{301}"),
    ]
}

@Suite("Text made inert for a terminal")
struct TerminalTextTests {
    @Test("each kind of control character is shown escaped as \\u{HEX}", arguments: Hostile.all)
    func escapes(_ h: Hostile) {
        #expect(TerminalText.inert(h.text) == h.inert)
        #expect(TerminalText(data: h.text).description == h.inert)
    }

    @Test("an interpolated value is data: made inert, line feeds included; the literal's line feeds stay",
          arguments: Hostile.all)
    func interpolation(_ h: Hostile) {
        let t: TerminalText = "saved \(h.text) in\nthe ledger"
        #expect(t.description == "saved \(h.inert) in\nthe ledger")
        let nested: TerminalText = "note: \(t)"
        #expect(nested.description == "note: saved \(h.inert) in\nthe ledger")
    }

    @Test("whole texts keep their line feeds and escape every other control", arguments: Hostile.all)
    func keepingLineFeeds(_ h: Hostile) {
        let text = "row 1\n" + h.text + "\nrow 3"
        let kept = TerminalText.inertKeepingLineFeeds(text)
        #expect(kept.split(separator: "\n", omittingEmptySubsequences: false).count
                == text.unicodeScalars.count(where: { $0 == "\n" }) + 1)
        #expect(!kept.unicodeScalars.contains { TerminalText.needsEscape($0, lineFeeds: false) })
    }

    @Test("ordinary text is left exactly as it is", arguments: [
        "Ana Ruiz", "Zoë Faure", "李小龍", "한국어", "👩‍⚕️ Ana", "José", "O'Brien, \"Bob\"", "C:\\clinic\\q.csv",
        "مرحبا", "שלום", "\u{200F}rlm and \u{200D}zwj", "",
    ])
    func ordinary(_ text: String) {
        #expect(TerminalText.inert(text) == text)
        #expect(TerminalText.inertKeepingLineFeeds(text + "\n") == text + "\n")
    }

    @Test("an argument quoted in a usage message is escaped whole, line feeds included", arguments: Hostile.all)
    func usageMessage(_ h: Hostile) {
        let value = "2026" + h.text
        let message = "Error: The value '\(value)' is invalid for '--on <YYYY-MM-DD>'\nUsage: spaquote ledger accept"
        let inert = TerminalText.message(message, quoting: ["ledger", "accept", "Q-1", "--on", value])
        #expect(inert == "Error: The value '2026\(h.inert)' is invalid for '--on <YYYY-MM-DD>'\nUsage: spaquote ledger accept")
        let joined = TerminalText.message(message, quoting: ["ledger", "--on=" + value])
        #expect(joined == inert)
    }

    @Test("inert text holds no control, is stable, and changes nothing else (property)")
    func property() async {
        let scalar = Gen.oneOf(Gen.unicodeScalar(in: "\u{0}"..."\u{BF}"), Gen.unicodeScalar(in: "\u{2000}"..."\u{206F}"),
                               Gen.unicodeScalar(in: "a"..."z"), Gen.unicodeScalar(in: "\u{4E00}"..."\u{4E10}"))
        await propertyCheck(input: scalar.array(of: 0...24)) { scalars in
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            let inert = TerminalText.inert(text)
            #expect(!inert.unicodeScalars.contains { TerminalText.needsEscape($0) })
            #expect(TerminalText.inert(inert) == inert)
            // Each escaped scalar is its code point in hex between \u{ and }, the others as they were.
            let expected = scalars.map { u in
                TerminalText.needsEscape(u) ? "\\u{" + String(u.value, radix: 16, uppercase: true) + "}" : String(u)
            }.joined()
            #expect(inert == expected, "\(scalars.map(\.value))")
        }
    }
}
