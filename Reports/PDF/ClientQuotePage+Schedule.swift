import Pricing

extension ClientQuotePage {
    /// The columns of the schedule: where each starts, from the left margin.
    static let scheduleColumns = (number: 6.0, date: 52.0, day: 130.0, note: 200.0)
    static let scheduleRow = 13.5

    /// The payments and the sessions in date order: the deposit on acceptance, then each
    /// session's date, weekday, a note when a closed day moved it ("moved from
    /// 2026-11-01 (closed)"), and the installment due that day.
    func drawSchedule() {
        heading("Sessions and payments")
        let c = Self.scheduleColumns
        canvas.band(x: left, y: y, width: width, height: Self.scheduleRow)
        canvas.draw("Session", .label, x: left + c.number, y: y + 2.5)
        canvas.draw("Date", .label, x: left + c.date, y: y + 2.5)
        canvas.draw("Day", .label, x: left + c.day, y: y + 2.5)
        canvas.drawRightAligned("Payment due (\(quote.currency))", .label, rightEdge: right - 6, y: y + 2.5)
        y += Self.scheduleRow + 2
        scheduleRow(number: "", date: "On acceptance", day: "", note: "Deposit", amount: quote.deposit)
        for (session, installment) in zip(quote.schedule.sessions, quote.installments) {
            canvas.rule(x: left, y: y - 1, width: width, weight: 0.4)
            scheduleRow(number: String(session.number), date: session.date.description,
                        day: session.date.weekday.displayName,
                        note: session.moved ? "moved from \(session.planned) (closed)" : "", amount: installment.amount)
        }
    }

    private func scheduleRow(number: String, date: String, day: String, note: String, amount: Money) {
        let c = Self.scheduleColumns
        canvas.draw(number, .body, x: left + c.number, y: y, width: c.date - c.number - 20, align: .right)
        canvas.draw(date, .body, x: left + c.date, y: y)
        canvas.draw(day, .body, x: left + c.day, y: y)
        if !note.isEmpty { canvas.draw(note, .small, x: left + c.note, y: y + 1) }
        canvas.drawRightAligned(MoneyText.grouped(amount), .body, rightEdge: right - 6, y: y)
        y += Self.scheduleRow
    }
}
