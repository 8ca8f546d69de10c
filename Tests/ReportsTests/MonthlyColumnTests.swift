import Pricing
import Testing
@testable import Reports

@Suite("Monthly report columns (the one mapping)")
struct MonthlyColumnTests {
    static func row() -> MonthlyRow {
        var r = MonthlyRow(month: YearMonth(iso: "2026-11")!, location: "=downtown", tier: "senior")
        r.quotesIssued = 3; r.quotedValue = Money(cents: 123_456); r.issuedAndAccepted = 2; r.quotesAccepted = 4
        r.bookedRevenue = Money(cents: 50_001); r.sessionsBooked = 9; r.recognizedRevenue = Money(cents: 20_000)
        r.deferredRevenueEnd = Money(cents: -5)
        return r
    }

    @Test("the header is SPEC section 7's, in order; MonthlyRow.columns is the same")
    func header() {
        let spec = ["month", "location", "tier", "quotes_issued", "quoted_value", "quotes_accepted", "conversion_rate",
                    "booked_revenue", "sessions_booked", "recognized_revenue", "deferred_revenue_end"]
        #expect(MonthlyColumn.header == spec)
        #expect(MonthlyRow.columns == spec)
    }

    @Test("each column takes its own field of the row", arguments: [
        (MonthlyColumn.month, MonthlyValue.cell(.text("2026-11"))), (.location, .cell(.text("=downtown"))), (.tier, .cell(.text("senior"))),
        (.quotesIssued, .cell(.integer(3))), (.quotedValue, .cell(.money(Money(cents: 123_456)))), (.quotesAccepted, .cell(.integer(4))),
        (.conversionRate, .rate(ConversionRate(tenThousandths: 6_667))), (.bookedRevenue, .cell(.money(Money(cents: 50_001)))),
        (.sessionsBooked, .cell(.integer(9))), (.recognizedRevenue, .cell(.money(Money(cents: 20_000)))),
        (.deferredRevenueEnd, .cell(.money(Money(cents: -5)))),
    ])
    func value(column: MonthlyColumn, expected: MonthlyValue) {
        #expect(column.value(Self.row()) == expected)
    }

    @Test("a row's CSV cells are the columns' cells in order, the rate as its text")
    func cells() {
        let r = Self.row()
        #expect(r.cells.map(\.text) == ["2026-11", "=downtown", "senior", "3", "1234.56", "4", "0.6667", "500.01", "9", "200.00", "-0.05"])
        #expect(r.cells == MonthlyColumn.ordered.map { $0.cell(r) })
        #expect(MonthlyColumn.conversionRate.cell(MonthlyRow(month: r.month, location: "a", tier: "b")) == .empty)
    }

    @Test("the Summary sheet has every column but location and tier; its Total row sums the flows only")
    func summary() {
        #expect(MonthlyColumn.summary == [.month, .quotesIssued, .quotedValue, .quotesAccepted, .conversionRate, .bookedRevenue,
                                          .sessionsBooked, .recognizedRevenue, .deferredRevenueEnd])
        #expect(MonthlyColumn.summary.map(\.total) == [.label("Total"), .sum, .sum, .sum, .blank, .sum, .sum, .sum, .lastMonth])
    }

    @Test("labels are for people and widths fit them", arguments: MonthlyColumn.ordered)
    func labels(column: MonthlyColumn) {
        #expect(column.label == XLSXLabels.label(column.rawValue))
        #expect(column.label != column.rawValue)
        #expect(column.minimumWidth >= 10)
    }

    @Test("the accepted quotes sheet maps a saved quote field by field")
    func accepted() {
        let d = { (s: String) in LocalDate(iso: s)! }
        let r = RevenueRecord(quoteID: "Q-1", location: "uptown", tier: "physician", quoteDate: d("2026-11-01"), status: .accepted,
                              acceptedOn: d("2026-11-03"), sessions: 2, value: Money(cents: 9_999), treatmentNet: Money(cents: 9_999),
                              addonsPerSession: .zero, addonsPerPackage: .zero, sessionDates: [d("2026-11-05"), d("2026-12-05")])
        #expect(AcceptedQuoteColumn.ordered.map(\.rawValue) == ["quote_id", "location", "tier", "quote_date", "accepted_on", "sessions",
                                                                 "value", "first_session", "last_session"])
        #expect(AcceptedQuoteColumn.ordered.map { $0.cell(r) } == [
            .text("Q-1"), .text("uptown"), .text("physician"), .date(d("2026-11-01")), .date(d("2026-11-03")), .integer(2),
            .money(Money(cents: 9_999)), .date(d("2026-11-05")), .date(d("2026-12-05")),
        ])
        var none = r
        none.acceptedOn = nil; none.sessionDates = []
        #expect(AcceptedQuoteColumn.acceptedOn.cell(none) == .empty && AcceptedQuoteColumn.lastSession.cell(none) == .empty)
        #expect(AcceptedQuoteColumn.ordered.map(\.minimumWidth) == [16] + Array(repeating: 12, count: 8))
    }
}
