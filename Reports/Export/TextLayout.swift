/// Helpers for plain-text layouts in a terminal (widths counted in characters).
public enum TextLayout {
    static func padRight(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }
    static func padLeft(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
    /// A label and an amount, the amount right-aligned to `width`.
    static func line(_ label: String, _ amount: String, width: Int = 64) -> String {
        let room = max(1, width - label.count - amount.count)
        return label + String(repeating: " ", count: room) + amount
    }
    /// Rows of cells as aligned columns; the first row is the header, followed by a rule.
    /// Columns in `rightAligned` are right-aligned.
    public static func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        guard let header = rows.first else { return "" }
        var widths = Array(repeating: 0, count: header.count)
        for row in rows { for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func render(_ row: [String]) -> String {
            row.enumerated().map { i, c in rightAligned.contains(i) ? padLeft(c, widths[i]) : padRight(c, widths[i]) }
                .joined(separator: "  ").trimmedRight
        }
        var lines = [render(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.dropFirst().map(render)
        return lines.joined(separator: "\n")
    }
}

extension String {
    var trimmedRight: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
