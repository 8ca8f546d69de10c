import Pricing

extension StoredRow {
    /// `quote_id`: `Q-YYYY-NNNNNN`.
    func quoteID() throws -> String { try quoteID(column("quote_id")) }

    /// `quote_id` in column `c`.
    func quoteID(_ c: Column) throws -> String {
        guard QuoteNumber.isWellFormed(bytes(at: c.index)) else { throw unreadable(c, "not a quote id (Q-YYYY-NNNNNN)") }
        return try text(c)
    }

    /// The sessions on `dates`, planned from `start` every `spacingWeeks` weeks; a planned
    /// day past 9999-12-31 is an error on `spacing_weeks`.
    func schedule(start: LocalDate, spacingWeeks: Int, dates: [LocalDate]) throws -> [SessionSchedule.Session] {
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
    func addonLines(_ c: Column) throws -> [AddonLine] {
        guard let lines = AddonLinesText.decode(try text(c)) else {
            throw unreadable(c, "not add-on lines (id, per, quantity, unit price, amount, taxable 0 or 1, name; tab-separated)")
        }
        return lines
    }

    /// `installments`: one amount in cents per session date, space-separated.
    func installments(_ c: Column, dueOn dates: [LocalDate]) throws -> [Installment] {
        let amounts = try text(c).split(separator: " ", omittingEmptySubsequences: false).map { Int64($0) }
        guard amounts.count == dates.count, amounts.allSatisfy({ ($0 ?? -1) >= 0 }) else {
            throw unreadable(c, "not \(dates.count) amounts in cents (0 or more, one per session, space-separated)")
        }
        return zip(amounts, dates).enumerated().map {
            Installment(number: $0.offset + 1, dueOn: $0.element.1, amount: Money(cents: $0.element.0 ?? 0))
        }
    }
}
