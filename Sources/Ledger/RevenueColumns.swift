import Pricing

/// The columns a revenue record is read from (``QuoteColumns/revenue``), found once per
/// query: the one mapping from a row to a ``RevenueRecord``.
public struct RevenueColumns<Cells: RowCells> {
    public typealias Column = RowReader<Cells>.Column
    @usableFromInline let quoteID, location, tier, quoteDate, status, acceptedOn, sessions: Column
    @usableFromInline let total, tax, treatmentNet, addonsPerSession, addonsPerPackage, sessionDates: Column

    public init(_ row: RowReader<Cells>) throws(LedgerError) {
        quoteID = try row.column("quote_id"); location = try row.column("location"); tier = try row.column("tier")
        quoteDate = try row.column("quote_date"); status = try row.column("status")
        acceptedOn = try row.column("accepted_on"); sessions = try row.column("sessions")
        total = try row.column("total"); tax = try row.column("tax"); treatmentNet = try row.column("treatment_net")
        addonsPerSession = try row.column("addons_per_session"); addonsPerPackage = try row.column("addons_per_package")
        sessionDates = try row.column("session_dates")
    }

    /// The current row's record, every value checked (see ``RowReader``).
    @inlinable public func record(_ row: RowReader<Cells>) throws(LedgerError) -> RevenueRecord {
        let status = try row.status(status)
        let acceptedOn = try row.optionalDate(acceptedOn)
        if status == .accepted && acceptedOn == nil { throw row.unreadable(self.acceptedOn, "missing for an accepted quote") }
        let sessions = try row.count(sessions, in: 1...Int(Int32.max))
        let dates = try row.dates(sessionDates)
        guard dates.count == sessions else { throw row.unreadable(sessionDates, "\(dates.count) dates for \(sessions) sessions") }
        let net = try row.money(treatmentNet), perSession = try row.money(addonsPerSession)
        let perPackage = try row.money(addonsPerPackage), tax = try row.money(tax), total = try row.money(total)
        // The parts add up without overflow, so total - tax (their sum less tax) cannot overflow either.
        try row.expect(self.total, total, toBeTheSumOf: net, perSession, perPackage, tax,
                       named: "treatment_net + addons_per_session + addons_per_package + tax")
        return RevenueRecord(
            quoteID: try row.quoteID(quoteID), location: try row.text(location), tier: try row.text(tier),
            quoteDate: try row.date(quoteDate), status: status, acceptedOn: acceptedOn, sessions: sessions,
            value: total - tax, treatmentNet: net, addonsPerSession: perSession, addonsPerPackage: perPackage,
            sessionDates: dates)
    }
}
