import Pricing

/// A quote as a client would read it at the front desk: the plan, the price waterfall
/// line by line, the installment plan and the dated sessions. Every name and id in it is
/// made inert (``TerminalText``), and columns are aligned by display width.
public enum QuoteTable {
    public static func render(_ q: Quote) -> String {
        let r = q.request
        let c = q.currency
        var out: [TerminalText] = []
        let client: TerminalText = r.client.isEmpty ? "" : " for \(r.client)"
        out.append("Quote \(q.quoteID)\(client)  (request \(r.requestID))")
        out.append("\(q.locationName), \(q.tierName); rate card \(q.rateCardName), version \(q.rateCardVersion)")
        out.append("Quoted \(q.quoteDate), valid until \(q.validUntil). Amounts in \(c).")
        out.append("")
        let areas = TerminalText(data: q.areaNames.joined(separator: " + "))
        out.append("Plan: \(r.sessions) session\(r.sessions == 1 ? "" : "s") of \(areas), \(q.spacingWeeks) weeks apart")
        out.append("")
        var waterfall: [(label: String, amount: String)] = []
        func line(_ label: String, _ m: Money, minus: Bool = false) {
            waterfall.append((label, (minus ? "-" : "") + m.description))
        }
        line("Session list price", q.sessionListPrice)
        switch q.priceLimit {
        case .ceiling: line("Session price (capped at the ceiling)", q.sessionPrice)
        case .floor: line("Session price (raised to the floor)", q.sessionPrice)
        case .none: line("Session price", q.sessionPrice)
        }
        line("List total (\(r.sessions) x \(q.sessionPrice))", q.listTotal)
        if q.seriesDiscount != .zero || q.seriesDiscountPercent != .zero {
            line("Series discount (\(q.seriesDiscountPercent)%)", q.seriesDiscount, minus: true)
        }
        if let code = q.promoCode { line("Promotion \(code)", q.promoDiscount, minus: true) }
        line("Treatment", q.treatmentNet)
        for a in q.addonLines {
            let qty = a.per == .session ? "\(a.quantity) x \(a.unitPrice)" : "package"
            line("\(a.name) (\(qty))", a.amount)
        }
        line("Tax (\(q.taxRate)% of \(q.taxableAmount))", q.tax)
        let ruleAt = waterfall.count
        line("Total", q.total)
        line("Deposit (\(q.depositPercent)%)", q.deposit)
        line("Balance", q.balance)
        line("Per session (treatment only)", q.perSessionPrice)
        out.append(contentsOf: TextLayout.ledger(waterfall, ruleBefore: ruleAt).map { TerminalText(layout: "  " + $0) })
        out.append("")
        var rows = [["#", "Session", "Day", "Note", "Installment"]]
        for (s, i) in zip(q.schedule.sessions, q.installments) {
            rows.append([String(s.number), s.date.description, s.date.weekday.displayName,
                         s.moved ? "moved from \(s.planned) (closed)" : "", i.amount.description])
        }
        out.append(TerminalText(layout: TextLayout.table(rows, rightAligned: [0, 4])))
        return out.map(\.description).joined(separator: "\n") + "\n"
    }
}
