import Pricing

/// Lays a client quote out on a sheet, row by row (see ``ClientQuoteWorkbook``).
struct ClientQuoteLayout {
    let sheet: XLSXSheet
    let quote: Quote
    let clinic: ClinicDetails?
    var row = 0

    /// The columns: labels and session numbers, date, weekday, note, amount.
    static let widths: [Double] = [34, 13, 12, 29, 14]
    static let amountColumn = 4
    /// Characters of 11-point text a line across all columns holds (about 120; fewer, so
    /// that a wrapped paragraph's row is never too short for it).
    static let charactersPerLine = 110
    /// Characters of the 14-point bold title a line holds.
    static let titleCharactersPerLine = 55

    var currency: String { quote.currency }
    var money: XLSXStyle { .money(currency) }
    static let bold = XLSXStyle(bold: true)
    static let section = XLSXStyle(bold: true, fill: 0xDDEBF7)
    static let title = XLSXStyle(bold: true, fontSize: 16)
    static let clinicTitle = XLSXStyle(bold: true, wrap: true, fontSize: 14)
    /// A number and a date filled with spaces after them (`* `): they line up on the left
    /// under their labels instead of the cell's right edge.
    static let leftNumber = XLSXStyle(numberFormat: "0* ")
    static let leftDate = XLSXStyle(numberFormat: "yyyy-mm-dd* ")

    init(sheet: XLSXSheet, quote: Quote, clinic: ClinicDetails?) {
        self.sheet = sheet
        self.quote = quote
        self.clinic = clinic
    }

    mutating func layOut() throws(ReportError) {
        for (i, w) in Self.widths.enumerated() { sheet.setColumn(i, i, width: w) }
        sheet.onePagePortrait(header: "&C&\"Calibri,Bold\"\(ClientQuoteWorkbook.escape(quote.locationName))",
                              footer: "&LQuote \(ClientQuoteWorkbook.escape(quote.quoteID))&CValid until \(quote.validUntil)&RPage &P of &N")
        sheet.setPaper(clinic?.paper ?? .letter)
        try letterhead()
        try client()
        try plan()
        try price()
        try sessions()
        try foot()
    }

    mutating func text(_ a: String, _ b: String = "", style: XLSXStyle = .plain) throws(ReportError) {
        try sheet.writeText(a, row: row, column: 0, style: style)
        if !b.isEmpty { try sheet.writeText(b, row: row, column: 1) }
        row += 1
    }

    mutating func amount(_ label: String, _ m: Money, negative: Bool = false, total: Bool = false) throws(ReportError) {
        try sheet.writeText(label, row: row, column: 0, style: total ? Self.bold : .plain)
        try sheet.writeMoney(negative ? Money(cents: -m.cents) : m, row: row, column: Self.amountColumn,
                             style: total ? .money(currency, bold: true, topBorder: true) : money)
        row += 1
    }

    mutating func heading(_ label: String) throws(ReportError) {
        row += 1
        for col in Self.widths.indices { try sheet.write(.empty, row: row, column: col, currency: currency, style: Self.section) }
        try sheet.writeText(label, row: row, column: 0, style: Self.section)
        row += 1
    }

    /// A paragraph across every column, wrapped, its row as tall as its lines (`perLine`
    /// characters a line, `lineHeight` points each).
    mutating func paragraph(_ s: String, style: XLSXStyle = XLSXStyle(wrap: true), perLine: Int = Self.charactersPerLine,
                            lineHeight: Double = 15) throws(ReportError) {
        let lines = max(1, (s.count + perLine - 1) / perLine)
        try sheet.setRowHeight(row, points: lineHeight * Double(lines))
        try sheet.mergeText(s, row: row, firstColumn: 0, lastColumn: Self.widths.count - 1, style: style)
        row += 1
    }

    /// The clinic's name, address and contact (or the location's name without a clinic).
    mutating func letterhead() throws(ReportError) {
        guard let clinic else {
            try text(quote.locationName, style: Self.title)
            try text("Microneedling treatment plan, quote \(quote.quoteID)")
            return
        }
        try paragraph(clinic.name, style: Self.clinicTitle, perLine: Self.titleCharactersPerLine, lineHeight: 19)
        for line in clinic.address { try text(line) }
        let contact = [clinic.phone, clinic.email, clinic.website].compactMap { $0 }
        if !contact.isEmpty { try paragraph(contact.joined(separator: "  ·  ")) }
        row += 1
        try text("Microneedling treatment plan, quote \(quote.quoteID)", style: Self.bold)
        try text("Location", quote.locationName)
    }

    mutating func client() throws(ReportError) {
        let r = quote.request
        if clinic == nil { row += 1 }
        try text("Client", r.client.isEmpty ? "-" : r.client, style: Self.bold)
        try sheet.writeText("Quote date", row: row, column: 0, style: Self.bold)
        try sheet.write(.date(quote.quoteDate), row: row, column: 1, currency: currency, style: Self.leftDate); row += 1
        try sheet.writeText("Valid until", row: row, column: 0, style: Self.bold)
        try sheet.write(.date(quote.validUntil), row: row, column: 1, currency: currency, style: Self.leftDate); row += 1
    }

    mutating func plan() throws(ReportError) {
        try heading("Plan")
        try text("Areas", quote.areaNames.joined(separator: ", "))
        try text("Practitioner", quote.tierName)
        try text("Sessions", "\(quote.request.sessions), \(quote.spacingWeeks) weeks apart")
    }

    mutating func price() throws(ReportError) {
        let q = quote
        try heading("Price")
        try amount("Price per session" + (q.priceLimit == .ceiling ? " (capped)" : q.priceLimit == .floor ? " (minimum)" : ""), q.sessionPrice)
        try amount("\(q.request.sessions) sessions", q.listTotal)
        if q.seriesDiscount != .zero { try amount("Series discount (\(q.seriesDiscountPercent)%)", q.seriesDiscount, negative: true) }
        if let code = q.promoCode { try amount("Promotion \(code)", q.promoDiscount, negative: true) }
        try amount("Treatment", q.treatmentNet)
        for a in q.addonLines {
            try amount(a.per == .session ? "\(a.name) (\(a.quantity) x \(a.unitPrice))" : a.name, a.amount)
        }
        try amount("Tax (\(q.taxRate)%)", q.tax)
        try amount("Total", q.total, total: true)
        try amount("Deposit due on acceptance (\(q.depositPercent)%)", q.deposit)
        try amount("Balance", q.balance)
    }

    /// One row a session: number, date, weekday, note (moved off a closed day), installment.
    mutating func sessions() throws(ReportError) {
        try heading("Sessions and installments")
        for (i, h) in ["Session", "Date", "Day", "Note", "Installment"].enumerated() {
            try sheet.writeText(h, row: row, column: i, style: Self.bold)
        }
        row += 1
        for (session, inst) in zip(quote.schedule.sessions, quote.installments) {
            try sheet.write(.integer(session.number), row: row, column: 0, currency: currency, style: Self.leftNumber)
            try sheet.write(.date(session.date), row: row, column: 1, currency: currency, style: Self.leftDate)
            try sheet.writeText(session.date.weekday.displayName, row: row, column: 2)
            if session.moved { try sheet.writeText("moved from \(session.planned) (closed)", row: row, column: 3) }
            try sheet.writeMoney(inst.amount, row: row, column: Self.amountColumn, style: money)
            row += 1
        }
    }

    /// The clinic's terms, the acceptance block and the rate card's line.
    mutating func foot() throws(ReportError) {
        if let terms = clinic?.terms, !terms.isEmpty {
            try heading("Terms")
            try paragraph(terms)
        }
        try heading("Acceptance")
        let r = quote.request
        if r.status == .accepted, let day = r.acceptedOn {
            try text("Accepted on \(day) by \(r.client.isEmpty ? "the client" : r.client)", style: Self.bold)
        } else {
            try text("I accept this treatment plan and its terms.")
            row += 1
            try sheet.writeText("Signature: ______________________________", row: row, column: 0)
            try sheet.writeText("Date: ____________________", row: row, column: 3)
            row += 2
        }
        row += 1
        try text("Rate card \(quote.rateCardName), version \(quote.rateCardVersion). Amounts in \(currency).")
    }
}
