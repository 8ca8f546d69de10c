import Pricing

/// Booked against recognized revenue, month by month, as an SVG column chart drawn by the
/// server (no script): a bar of each a month, a value axis with five money labels, the
/// months below, a legend, a `<title>` and a `<desc>` listing every figure for screen
/// readers. Every text is XML-escaped. Cents become pixels by integer arithmetic
/// (`height = cents * plotHeight / top`, rounded down); the same figures give the same bytes.
struct RevenueChart {
    /// One month's figures, in cents.
    struct Month: Sendable, Equatable {
        var label: String
        var booked: Money
        var recognized: Money
    }

    var months: [Month]
    var currency: String
    var title = "Booked and recognized revenue"

    static let plotHeight: Int64 = 200, top = 24, left = 96, group = 44, bar = 16
    static let bookedColor = "#2e75b6", recognizedColor = "#c55a11"

    /// The SVG element (for inline use in a page).
    var svg: String {
        let scaleTop = Self.niceTop(months.map { max($0.booked.cents, $0.recognized.cents) }.max() ?? 0)
        let width = Self.left + max(months.count, 1) * Self.group + 16, height = Self.top + Int(Self.plotHeight) + 64
        let base = Self.top + Int(Self.plotHeight)
        let heading = "\(title), \(months.first?.label ?? "") to \(months.last?.label ?? "") (\(currency))"
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\""
            + " role=\"img\" aria-labelledby=\"chart-title chart-desc\" class=\"chart\">\n"
        out += "<title id=\"chart-title\">\(Self.escape(heading))</title>\n"
        out += "<desc id=\"chart-desc\">\(Self.escape(description))</desc>\n"
        for k in 0...4 {
            let value = scaleTop / 4 * Int64(k), y = base - Int(Self.pixels(value, top: scaleTop))
            out += "<line x1=\"\(Self.left - 4)\" y1=\"\(y)\" x2=\"\(width - 8)\" y2=\"\(y)\" stroke=\"#ccc\"/>"
            out += "<text x=\"\(Self.left - 8)\" y=\"\(y + 4)\" text-anchor=\"end\" font-size=\"11\">\(Self.escape(Money(cents: value).description))</text>\n"
        }
        for (i, m) in months.enumerated() {
            let x = Self.left + i * Self.group + 4
            out += Self.bar(x: x, base: base, value: m.booked, top: scaleTop, color: Self.bookedColor, label: "\(m.label) booked")
            out += Self.bar(x: x + Self.bar, base: base, value: m.recognized, top: scaleTop, color: Self.recognizedColor,
                            label: "\(m.label) recognized")
            out += "<text x=\"\(x + Self.bar)\" y=\"\(base + 16)\" text-anchor=\"middle\" font-size=\"11\">\(Self.escape(m.label))</text>\n"
        }
        let legend = base + 40
        out += "<rect x=\"\(Self.left)\" y=\"\(legend - 10)\" width=\"12\" height=\"12\" fill=\"\(Self.bookedColor)\"/>"
        out += "<text x=\"\(Self.left + 16)\" y=\"\(legend)\" font-size=\"12\">Booked revenue</text>"
        out += "<rect x=\"\(Self.left + 140)\" y=\"\(legend - 10)\" width=\"12\" height=\"12\" fill=\"\(Self.recognizedColor)\"/>"
        out += "<text x=\"\(Self.left + 156)\" y=\"\(legend)\" font-size=\"12\">Recognized revenue</text>\n</svg>"
        return out
    }

    /// Every month's figures in words, for the `<desc>`.
    var description: String {
        months.map { "\($0.label): booked \($0.booked) \(currency), recognized \($0.recognized) \(currency)" }
            .joined(separator: "; ")
    }

    private static func bar(x: Int, base: Int, value: Money, top: Int64, color: String, label: String) -> String {
        let h = Int(pixels(value.cents, top: top))
        return "<rect x=\"\(x)\" y=\"\(base - h)\" width=\"\(bar)\" height=\"\(h)\" fill=\"\(color)\">"
            + "<title>\(escape("\(label) \(value)"))</title></rect>"
    }

    /// `cents` as pixels of the plot's height when `top` cents fill it (0 for a negative amount).
    static func pixels(_ cents: Int64, top: Int64) -> Int64 {
        guard cents > 0, top > 0 else { return 0 }
        return Int64(Int128(min(cents, top)) * Int128(plotHeight) / Int128(top))
    }

    /// The axis' top: the smallest 1, 2 or 5 times a power of ten, in whole currency units
    /// (100 cents up), at least `largest` (the largest amount when none is that large).
    static func niceTop(_ largest: Int64) -> Int64 {
        var unit: Int64 = 100
        while true {
            for step: Int64 in [1, 2, 5] {
                let (candidate, overflow) = unit.multipliedReportingOverflow(by: step)
                if overflow { return largest }
                if candidate >= largest { return candidate }
            }
            let (next, overflow) = unit.multipliedReportingOverflow(by: 10)
            if overflow { return largest }
            unit = next
        }
    }

    /// `text` with `& < > " '` as XML character references (looked for scalar by scalar:
    /// ``ScalarHTML/escape(_:)``).
    static func escape(_ text: String) -> String { ScalarHTML.escape(text) }
}
