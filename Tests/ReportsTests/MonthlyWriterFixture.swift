import Foundation
import Pricing
@testable import Reports

/// A small ledger for the monthly writers' tests: a quote accepted and recognized over
/// three months at one location, two quotes not accepted at another (a rate of 1/3).
enum MonthlyWriterFixture {
    static func day(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    static let first = YearMonth(iso: "2026-11")!
    static let last = YearMonth(iso: "2026-12")!

    static func record(_ id: String, _ location: String, _ tier: String, quoted: String, accepted: String?, cents: Int64,
                       sessions: [String]) -> RevenueRecord {
        RevenueRecord(quoteID: id, location: location, tier: tier, quoteDate: day(quoted), status: accepted == nil ? .quoted : .accepted,
                      acceptedOn: accepted.map(day), sessions: sessions.count, value: Money(cents: cents),
                      treatmentNet: Money(cents: cents), addonsPerSession: .zero, addonsPerPackage: .zero,
                      sessionDates: sessions.map(day))
    }

    static let records = [
        record("Q1", "downtown", "senior", quoted: "2026-11-01", accepted: "2026-11-01", cents: 30_000,
               sessions: ["2026-11-02", "2026-12-02", "2027-01-02"]),
        record("Q2", "uptown", "physician", quoted: "2026-11-10", accepted: nil, cents: 15_000, sessions: ["2026-11-20"]),
        record("Q3", "uptown", "physician", quoted: "2026-11-11", accepted: nil, cents: 5_000, sessions: ["2026-11-21"]),
    ]

    static func revenue() throws -> MonthlyRevenue {
        var m = MonthlyRevenue(from: first, to: last)
        for r in records { try m.add(r) }
        return m
    }

    static func folder() throws -> String { try AtomicFileTests().folder() }

    /// One part of a zip file (`xl/worksheets/sheet1.xml`), by `unzip -p`.
    static func part(_ path: String, _ name: String) throws -> String {
        try Poppler.run("unzip", ["-p", path, name])   // any /usr/bin tool's standard output
    }

    /// The XML of cell `ref` (`E2`) in a sheet's XML, or nil.
    static func cell(_ ref: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<c r=\"\(ref)\"") else { return nil }
        let rest = xml[start.lowerBound...]
        if let selfClosed = rest.range(of: "/>"), let open = rest.range(of: ">"), selfClosed.upperBound == open.upperBound {
            return String(rest[..<selfClosed.upperBound])
        }
        guard let end = rest.range(of: "</c>") else { return nil }
        return String(rest[..<end.upperBound])
    }
}
