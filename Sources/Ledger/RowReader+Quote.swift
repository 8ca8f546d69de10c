import Pricing

extension RowReader {
    /// `quote_id`: `Q-YYYY-NNNNNN`.
    public func quoteID() throws(LedgerError) -> String { try quoteID(column("quote_id")) }

    /// `quote_id` in column `c`.
    @inlinable public func quoteID(_ c: Column) throws(LedgerError) -> String {
        guard cells.withText(c.index, { $0.map(QuoteNumber.isWellFormed) ?? false }) else { throw unreadable(c, "not a quote id (Q-YYYY-NNNNNN)") }
        return try text(c)
    }

    /// The sessions on `dates`, planned from `start` every `spacingWeeks` weeks; a planned
    /// day past 9999-12-31 is an error on `spacing_weeks`.
    public func schedule(start: LocalDate, spacingWeeks: Int, dates: [LocalDate]) throws(LedgerError) -> [SessionSchedule.Session] {
        var sessions: [SessionSchedule.Session] = []
        sessions.reserveCapacity(dates.count)
        for (i, date) in dates.enumerated() {
            guard let planned = start.checkedAdding(weeks: spacingWeeks, times: i) else {
                throw unreadable("spacing_weeks", "which plans session \(i + 1) after 9999-12-31")
            }
            sessions.append(SessionSchedule.Session(number: i + 1, planned: planned, date: date))
        }
        return sessions
    }

    /// `addon_lines` (see ``AddonLinesText``).
    public func addonLines(_ c: Column) throws(LedgerError) -> [AddonLine] {
        guard let lines = AddonLinesText.decode(try text(c)) else {
            throw unreadable(c, "not add-on lines (id, per, quantity, unit price, amount, taxable 0 or 1, name; tab-separated)")
        }
        return lines
    }

    /// `installments`: one amount in cents per session date, space-separated.
    public func installments(_ c: Column, dueOn dates: [LocalDate]) throws(LedgerError) -> [Installment] {
        let amounts = try text(c).split(separator: " ", omittingEmptySubsequences: false).map { Int64($0) }
        guard amounts.count == dates.count, amounts.allSatisfy({ ($0 ?? -1) >= 0 }) else {
            throw unreadable(c, "not \(dates.count) amounts in cents (0 or more, one per session, space-separated)")
        }
        return zip(amounts, dates).enumerated().map {
            Installment(number: $0.offset + 1, dueOn: $0.element.1, amount: Money(cents: $0.element.0 ?? 0))
        }
    }
}
