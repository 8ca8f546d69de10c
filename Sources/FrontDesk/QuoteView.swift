import Ledger
import Pricing

/// A quote as the pages show it: the values a template reads (text only; Mustache escapes
/// every one of them). Money is shown as the quote's exact decimal strings.
enum QuoteView {
    static func values(_ q: Quote) -> [String: Any] {
        var v = figures(q)
        if let day = q.request.acceptedOn { v["acceptedOn"] = day.description }
        return v
    }

    private static func figures(_ q: Quote) -> [String: Any] {
        let r = q.request
        var lines: [[String: String]] = [
            ["label": "List price (\(r.sessions) × \(q.sessionPrice))", "amount": q.listTotal.description],
            ["label": "Series discount (\(q.seriesDiscountPercent)%)", "amount": "-\(q.seriesDiscount)"],
        ]
        if let code = q.promoCode { lines.append(["label": "Promotion \(code)", "amount": "-\(q.promoDiscount)"]) }
        lines.append(["label": "Treatment", "amount": q.treatmentNet.description])
        for line in q.addonLines { lines.append(["label": "\(line.name) × \(line.quantity)", "amount": line.amount.description]) }
        lines.append(["label": "Tax (\(q.taxRate)%)", "amount": q.tax.description])
        return [
            "id": q.quoteID, "client": r.client, "location": q.locationName, "locationID": r.location,
            "tier": q.tierName, "areas": q.areaNames.joined(separator: ", "), "sessions": String(r.sessions),
            "currency": q.currency, "total": q.total.description, "deposit": q.deposit.description,
            "balance": q.balance.description, "quoteDate": q.quoteDate.description, "validUntil": q.validUntil.description,
            "status": r.status.rawValue, "isQuoted": r.status == .quoted,
            "lines": lines,
            "installments": q.installments.map { ["number": String($0.number), "due": $0.dueOn.description, "amount": $0.amount.description] },
            "schedule": q.schedule.sessions.map { ["number": String($0.number), "date": $0.date.description, "moved": $0.moved] },
        ]
    }

    /// A row of the quotes list.
    static func row(_ q: Quote) -> [String: String] {
        ["id": q.quoteID, "date": q.quoteDate.description, "client": q.request.client, "location": q.locationName,
         "total": q.total.description, "status": q.request.status.rawValue]
    }
}
