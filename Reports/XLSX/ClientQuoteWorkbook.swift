import Pricing

/// A single quote as a client-facing workbook that prints on one portrait page: clinic,
/// client, plan, price waterfall, add-ons, tax, total, deposit, installments and the
/// dated sessions, with a header and footer.
public enum ClientQuoteWorkbook {
    /// Writes the workbook to `path` atomically.
    public static func write(_ q: Quote, to path: String) throws(ReportError) {
        let file = try AtomicFile(destination: path)
        do {
            let wb = try XLSXWorkbook(path: file.temporaryPath, displayPath: path, constantMemory: false)
            try wb.setProperties(title: "Quote \(q.quoteID)", subject: "Microneedling treatment plan",
                                 comments: "Rate card \(q.rateCardName), version \(q.rateCardVersion)", created: q.quoteDate)
            let s = try wb.addSheet("Quote")
            try layOut(q, on: s)
            try wb.close()
            try XLSXVerifier.verify(path: file.temporaryPath, displayPath: path, rows: [:])
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    static func layOut(_ q: Quote, on s: XLSXSheet) throws(ReportError) {
        let c = q.currency
        let money = XLSXStyle.money(c)
        let bold = XLSXStyle(bold: true)
        let title = XLSXStyle(bold: true, fontSize: 16)
        let section = XLSXStyle(bold: true, fill: 0xDDEBF7)
        let r = q.request
        s.setColumn(0, 0, width: 44)
        s.setColumn(1, 3, width: 16)
        s.onePagePortrait(header: "&C&\"Calibri,Bold\"\(escape(q.locationName))",
                          footer: "&LQuote \(escape(q.quoteID))&CValid until \(q.validUntil)&RPage &P of &N")
        var row = 0
        func text(_ a: String, _ b: String = "", style: XLSXStyle = .plain) throws(ReportError) {
            try s.writeText(a, row: row, column: 0, style: style)
            if !b.isEmpty { try s.writeText(b, row: row, column: 1) }
            row += 1
        }
        func amount(_ label: String, _ m: Money, negative: Bool = false, style: XLSXStyle? = nil) throws(ReportError) {
            try s.writeText(label, row: row, column: 0, style: style == nil ? .plain : bold)
            try s.writeMoney(negative ? Money(cents: -m.cents) : m, row: row, column: 3, style: style ?? money)
            row += 1
        }
        func heading(_ label: String) throws(ReportError) {
            row += 1
            for col in 0...3 { try s.write(.empty, row: row, column: col, currency: c, style: section) }
            try s.writeText(label, row: row, column: 0, style: section)
            row += 1
        }
        try s.writeText(q.locationName, row: row, column: 0, style: title); row += 1
        try text("Microneedling treatment plan, quote \(q.quoteID)")
        row += 1
        try text("Client", r.client.isEmpty ? "-" : r.client, style: bold)
        try s.writeText("Quote date", row: row, column: 0, style: bold)
        try s.write(.date(q.quoteDate), row: row, column: 1, currency: c); row += 1
        try s.writeText("Valid until", row: row, column: 0, style: bold)
        try s.write(.date(q.validUntil), row: row, column: 1, currency: c); row += 1
        try heading("Plan")
        try text("Areas", q.areaNames.joined(separator: ", "))
        try text("Practitioner", q.tierName)
        try text("Sessions", "\(r.sessions), \(q.spacingWeeks) weeks apart")
        try heading("Price")
        try amount("Price per session" + (q.priceLimit == .ceiling ? " (capped)" : q.priceLimit == .floor ? " (minimum)" : ""), q.sessionPrice)
        try amount("\(r.sessions) sessions", q.listTotal)
        if q.seriesDiscount != .zero { try amount("Series discount (\(q.seriesDiscountPercent)%)", q.seriesDiscount, negative: true) }
        if let code = q.promoCode { try amount("Promotion \(code)", q.promoDiscount, negative: true) }
        try amount("Treatment", q.treatmentNet)
        for a in q.addonLines {
            try amount(a.per == .session ? "\(a.name) (\(a.quantity) x \(a.unitPrice))" : a.name, a.amount)
        }
        try amount("Tax (\(q.taxRate)%)", q.tax)
        try amount("Total", q.total, style: .money(c, bold: true, topBorder: true))
        try amount("Deposit due on acceptance (\(q.depositPercent)%)", q.deposit)
        try amount("Balance", q.balance)
        try heading("Sessions and installments")
        for (i, h) in ["Session", "Date", "Day", "Installment"].enumerated() { try s.writeText(h, row: row, column: i, style: bold) }
        row += 1
        for (session, inst) in zip(q.schedule.sessions, q.installments) {
            try s.write(.integer(session.number), row: row, column: 0, currency: c)
            try s.write(.date(session.date), row: row, column: 1, currency: c)
            try s.writeText(session.date.weekday.displayName, row: row, column: 2)
            try s.writeMoney(inst.amount, row: row, column: 3, style: money)
            row += 1
        }
        row += 1
        try text("Rate card \(q.rateCardName), version \(q.rateCardVersion). Amounts in \(c).")
    }

    /// `&` starts a header/footer code; a literal one is doubled.
    static func escape(_ s: String) -> String { s.replacing("&", with: "&&") }
}
