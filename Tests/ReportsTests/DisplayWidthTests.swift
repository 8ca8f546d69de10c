import Pricing
import Testing
@testable import Reports

@Suite("Display width and terminal tables")
struct DisplayWidthTests {
    @Test("text is measured in terminal columns, per grapheme cluster", arguments: [
        ("Ana Ruiz", 8), ("", 0),
        ("李小龍", 6), ("東京都 渋谷区", 13), ("한국어 이름", 11), ("ｆｕｌｌ", 8), ("カタカナ", 8), ("𠀋", 2),   // wide and fullwidth
        ("😀", 2), ("🧴 kit", 6), ("👍🏽", 2), ("👩‍⚕️", 2), ("👨‍👩‍👧", 2), ("🇫🇷", 2), ("❤️", 2), ("1️⃣", 2),   // emoji
        ("José", 4), ("Zoë", 3), ("e\u{301}\u{302}", 1), ("Ǹ̃", 1), ("\u{301}", 0),                  // combining marks
        ("a\u{200B}b", 2), ("\u{200D}", 0), ("\u{FEFF}", 0), ("\u{1B}", 0), ("\u{7F}", 0),              // zero width
        ("ÀÉÎ", 3), ("Ωμέγα", 5), ("привет", 6), ("❤", 1), ("©", 1),
    ])
    func width(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    /// The column (in display width) where `cell` starts in `line`.
    func column(of cell: String, in line: String) -> Int? {
        guard let r = line.range(of: cell) else { return nil }
        return DisplayWidth.of(line[..<r.lowerBound])
    }

    @Test("table columns line up by display width, whatever the script", arguments: [
        ["李小龍", "Zoë", "Ana"], ["👩‍⚕️ Ana", "🇫🇷 Luc", "Bob"], ["Jose\u{301}", "Ǹ̃o", "e\u{301}\u{302}"],
        ["한국어 이름", "カタカナ", "ｆｕｌｌ"], ["a very long client name indeed, with a title", "李", "😀"],
    ])
    func tableAligns(names: [String]) {
        let rows = [["client", "location", "total"]] + names.map { [$0, "downtown", "1012.50"] }
        let lines = TextLayout.table(rows, rightAligned: [2]).split(separator: "\n").map(String.init)
        let header = lines[0]
        let location = try! #require(column(of: "location", in: header))
        for line in lines.dropFirst(2) {
            #expect(column(of: "downtown", in: line) == location, "\(line)")
            #expect(DisplayWidth.of(line) == DisplayWidth.of(header), "\(line)")
        }
        #expect(DisplayWidth.of(lines[1]) == DisplayWidth.of(header))
    }

    @Test("a cell cannot break a row or act on the terminal", arguments: Hostile.all)
    func tableCellsInert(_ h: Hostile) {
        let text = TextLayout.table([["client", "total"], [h.text, "1.00"], ["Ana", "2.00"]], rightAligned: [1])
        #expect(text.split(separator: "\n").count == 4)
        #expect(text.contains(h.inert))
        #expect(!text.unicodeScalars.contains { TerminalText.needsEscape($0, lineFeeds: false) })
    }

    @Test("the waterfall keeps amounts in one column and wraps long labels", arguments: [
        "Aftercare kit: gentle cleanser, moisturizer, SPF 50, silicone scar gel and hyaluronic serum (package)",
        "麻酔クリーム、ヒアルロン酸美容液、日焼け止め、シリコンジェル、アフターケアキット一式 (package)",
        "🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴🧴 (3 x 12.00)",
        "Numbing\u{1B}[2J cream\nspaquote: forged line (3 x 0.00)",
        String(repeating: "x", count: 150),
    ])
    func waterfall(label: String) {
        let entries = [("Session price", "470.00"), (label, "89.95"), ("Tax (8.875% of 89.95)", "7.98"), ("Total", "1316.93")]
        let lines = TextLayout.ledger(entries.map { (label: $0.0, amount: $0.1) }, ruleBefore: 3)
        let amountLines = lines.filter { $0.hasSuffix(".95") || $0.hasSuffix(".98") || $0.hasSuffix(".93") || $0.hasSuffix(".00") }
        #expect(amountLines.count == 4)
        for line in lines { #expect(DisplayWidth.of(line) <= 62, "\(line)") }
        for line in amountLines { #expect(DisplayWidth.of(line) == 62, "\(line)") }
        #expect(lines.contains(String(repeating: "=", count: 62)))
        let joined = lines.joined(separator: "|")
        #expect(!joined.unicodeScalars.contains { TerminalText.needsEscape($0) })
        // Every character of the label is still there, in order, across its lines.
        let shown = lines[1..<(lines.count - 3)].joined().filter { !$0.isWhitespace }
        #expect(shown.hasPrefix(TerminalText.inert(label).filter { !$0.isWhitespace }))
    }

    @Test("the quote table aligns a long add-on and wide names, and shows hostile names inert")
    func quoteTable() throws {
        var q = try QuoteTableFixture.quote(client: "李小龍 \u{1B}]0;x\u{7}", addonName: "麻酔クリーム 🧴 with a rather long description of what it holds")
        q.request.requestID = "R\n1"
        let text = QuoteTable.render(q)
        #expect(!text.unicodeScalars.contains { TerminalText.needsEscape($0, lineFeeds: false) })
        #expect(text.contains("for 李小龍 \\u{1B}]0;x\\u{7}  (request R\\u{A}1)"))
        let money = text.split(separator: "\n").filter { line in
            line.hasPrefix("  ") && line.split(separator: " ").last.map { $0.wholeMatch(of: /-?[0-9]+\.[0-9][0-9]/) != nil } == true
        }
        #expect(money.count >= 8)
        for line in money { #expect(DisplayWidth.of(line) == 64, "\(line)") }
    }
}
