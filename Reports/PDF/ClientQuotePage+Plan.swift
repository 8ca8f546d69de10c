import Pricing

extension ClientQuotePage {
    /// The width of the labels in front of the plan's values.
    static let planLabelWidth = 78.0

    /// The location and the practitioner's tier, the areas treated, and the sessions:
    /// how many, how far apart, the first and the last.
    func drawPlan() {
        heading("Treatment plan")
        let r = quote.request
        let sessions = r.sessions == 1 ? "1 session" : "\(r.sessions) sessions, \(quote.spacingWeeks) weeks apart"
        let dates = r.sessions == 1 ? "on \(quote.firstSession)" : "from \(quote.firstSession) to \(quote.lastSession)"
        let half = width / 2
        let location = planRow("Location", quote.locationName, x: left, width: half - 8, advance: false)
        let tier = planRow("Practitioner", quote.tierName, x: left + half, width: half, advance: false)
        y += max(location, tier)
        planRow("Areas", quote.areaNames.joined(separator: ", "))
        planRow("Sessions", "\(sessions), \(dates)")
    }

    /// A label and its value (wrapped within `width`); returns the row's height and,
    /// when `advance`, moves below it.
    @discardableResult
    private func planRow(_ label: String, _ value: String, x: Double? = nil, width: Double? = nil,
                         advance: Bool = true) -> Double {
        let x = x ?? left, w = width ?? self.width
        canvas.draw(label, .label, x: x, y: y + 1.5)
        let h = max(canvas.draw(value, .body, x: x + Self.planLabelWidth, y: y, width: w - Self.planLabelWidth), 12) + 1.5
        if advance { y += h }
        return h
    }
}
