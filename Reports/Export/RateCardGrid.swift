import Pricing

/// The rate card as a sales person reads it (`spaquote pricing show`): per-session
/// prices for each location x tier, area surcharges, series discounts, add-ons and
/// promotions with their dates. Names and ids are made inert (``TerminalText``) and
/// columns aligned by display width.
public enum RateCardGrid {
    public static func render(_ card: RateCard) -> String {
        var out: [String] = []
        let until: TerminalText = card.effectiveUntil.map { "to \($0)" } ?? "with no end date"
        let title: TerminalText = "\(card.name), version \(card.version) (\(card.currency)), effective \(card.effectiveFrom) \(until)"
        out.append(title.description)
        let r = card.rules
        out.append(TerminalText.inert("Sessions \(r.minSessions) to \(r.maxSessions), \(r.spacingWeeksMin) to \(r.spacingWeeksMax) weeks apart (default \(r.defaultSpacingWeeks)); session price held to \(r.sessionPriceFloor) to \(r.sessionPriceCeiling); deposit \(r.depositPercent)%; quotes valid \(r.quoteValidDays) days; rounding \(r.rounding.rawValue); services \(r.servicesTaxable ? "taxed" : "not taxed")."))
        out.append("")
        out.append("Face session price by location and tier")
        var grid = [["location"] + card.tiers.map(\.id) + ["tax", "closed"]]
        for l in card.locations {
            let closed = Weekday.allCases.filter { l.closedWeekdays.contains($0) }.map(\.rawValue).joined(separator: ", ")
            grid.append([l.id] + card.tiers.map { l.rates[$0.id]?.description ?? "-" } + ["\(l.taxRate)%", closed.isEmpty ? "-" : closed])
        }
        out.append(TextLayout.table(grid, rightAligned: Set(1...card.tiers.count + 1)))
        out.append("")
        out.append("Area surcharges (added to every session)")
        out.append(TextLayout.table([["area", "name", "surcharge"]] + card.areas.map { [$0.id, $0.name, $0.surcharge.description] },
                                    rightAligned: [2]))
        out.append("")
        out.append("Series discounts")
        if card.seriesDiscounts.isEmpty { out.append("(none)") } else {
            out.append(TextLayout.table([["sessions", "discount"]] + card.seriesDiscounts.map { ["\($0.sessions)+", "\($0.percent)%"] },
                                        rightAligned: [0, 1]))
        }
        out.append("")
        out.append("Add-ons")
        if card.addons.isEmpty { out.append("(none)") } else {
            out.append(TextLayout.table([["add-on", "name", "price", "per", "taxed"]]
                + card.addons.map { [$0.id, $0.name, $0.price.description, $0.per.rawValue, $0.taxable ? "yes" : "no"] },
                rightAligned: [2]))
        }
        out.append("")
        out.append("Promotions")
        if card.promotions.isEmpty { out.append("(none)") } else {
            out.append(TextLayout.table([["code", "benefit", "from", "until", "min sessions", "locations"]]
                + card.promotions.map { p in
                    let benefit: String
                    switch p.benefit {
                    case .percent(let x): benefit = "\(x)% off"
                    case .amount(let m): benefit = "\(m) off"
                    }
                    return [p.code, benefit, p.validFrom?.description ?? "-", p.validUntil?.description ?? "-",
                            p.minSessions.map(String.init) ?? "-", p.locations?.joined(separator: ", ") ?? "all"]
                }))
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// One line for `pricing validate`, names made inert.
    public static func summary(_ card: RateCard, file: String) -> String {
        let line: TerminalText = "\(file): OK: \(card.name), version \(card.version): \(card.locations.count) locations, \(card.tiers.count) tiers, \(card.areas.count) areas, \(card.seriesDiscounts.count) series discounts, \(card.addons.count) add-ons, \(card.promotions.count) promotions"
        return line.description
    }
}
