/// Plain-text layouts for a terminal: widths are display columns (``DisplayWidth``), so
/// CJK, emoji and accented text line up, and every cell is data made inert
/// (``TerminalText/inert(_:)``): a control character or a line feed in a name is shown
/// escaped and can neither act on the terminal nor break a row.
public enum TextLayout {
    static func padRight(_ s: String, _ width: Int) -> String {
        let w = DisplayWidth.of(s)
        return w >= width ? s : s + String(repeating: " ", count: width - w)
    }

    static func padLeft(_ s: String, _ width: Int) -> String {
        let w = DisplayWidth.of(s)
        return w >= width ? s : String(repeating: " ", count: width - w) + s
    }

    /// Rows of cells as aligned columns; the first row is the header, followed by a rule.
    /// Columns in `rightAligned` are right-aligned. Cells are made inert first.
    public static func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        guard let header = rows.first else { return "" }
        let cells = rows.map { $0.map { TerminalText.inert($0) } }
        var widths = Array(repeating: 0, count: header.count)
        for row in cells {
            for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], DisplayWidth.of(c)) }
        }
        func render(_ row: [String]) -> String {
            row.enumerated().map { i, c in
                guard i < widths.count else { return c }
                return rightAligned.contains(i) ? padLeft(c, widths[i]) : padRight(c, widths[i])
            }
            .joined(separator: "  ").trimmedRight
        }
        var lines = [render(cells[0]), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += cells.dropFirst().map(render)
        return lines.joined(separator: "\n")
    }

    /// Labels and amounts, the amounts right-aligned in one column ending at `width`
    /// (at least; wider when an amount needs it). A label too long for its room is
    /// wrapped at spaces (or anywhere in a word longer than the room) over several lines,
    /// the amount on the last one. A rule of `=` goes before the entry at `ruleBefore`.
    public static func ledger(_ entries: [(label: String, amount: String)], width: Int = 62,
                              ruleBefore: Int? = nil) -> [String] {
        let amounts = entries.map { TerminalText.inert($0.amount) }
        let amountWidth = amounts.map { DisplayWidth.of($0) }.max() ?? 0
        let total = max(width, amountWidth + 2 + minimumLabelRoom)
        let room = total - amountWidth - 2
        var out: [String] = []
        for (i, entry) in entries.enumerated() {
            if i == ruleBefore { out.append(String(repeating: "=", count: total)) }
            let pieces = wrap(TerminalText.inert(entry.label), to: room)
            out += pieces.dropLast().map(\.trimmedRight)
            out.append(padRight(pieces.last ?? "", room) + "  " + padLeft(amounts[i], amountWidth))
        }
        return out
    }

    /// The narrowest room a label gets beside the amounts.
    static let minimumLabelRoom = 24

    /// `text` cut into lines of at most `room` columns, at spaces where it can.
    static func wrap(_ text: String, to room: Int) -> [String] {
        guard DisplayWidth.of(text) > room, room > 0 else { return [text] }
        var lines: [String] = [], line = "", lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let w = DisplayWidth.of(word)
            if lineWidth > 0 && lineWidth + 1 + w <= room {
                line += " " + word
                lineWidth += 1 + w
                continue
            }
            if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
            for c in word {   // a word longer than the room is cut where it must be
                let cw = DisplayWidth.of(c)
                if lineWidth + cw > room && lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                line.append(c)
                lineWidth += cw
            }
        }
        lines.append(line)
        return lines
    }
}

extension String {
    var trimmedRight: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
