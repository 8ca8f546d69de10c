import Foundation
import Pricing
import Testing
@testable import Reports

@Suite("Monthly report XLSX writer")
struct MonthlyXLSXWriterTests {
    typealias F = MonthlyWriterFixture

    /// The fixture's workbook, written through the report writer.
    static func workbook() throws -> String {
        let path = try F.folder() + "/m.xlsx"
        let writer = try MonthlyReportWriter(path: path, from: F.first, to: F.last, currency: "USD")
        for r in F.records { try writer.add(r) }
        try writer.finish()
        return path
    }

    @Test("rates are numbers computed from the exact rate, shown as percentages; no rate, no cell")
    func rates() throws {
        let path = try Self.workbook()
        let summary = try F.part(path, "xl/worksheets/sheet1.xml")
        let byLocation = try F.part(path, "xl/worksheets/sheet2.xml")
        // Summary: column E; By location: column G (rows: Nov ALL, downtown, uptown, Dec ALL, downtown).
        for (xml, ref, rate) in [(summary, "E2", 3_333), (byLocation, "G2", 3_333), (byLocation, "G3", 10_000), (byLocation, "G4", 0)] {
            let c = try #require(F.cell(ref, in: xml), "\(ref)")
            let v = try #require(c.split(separator: "<v>").last?.split(separator: "<").first, "\(c)")
            #expect(Double(v) == ConversionRate(tenThousandths: Int64(rate)).fraction, "\(c)")
            #expect(c.contains(" s=\""), "\(c): the percentage format")
        }
        #expect(F.cell("E3", in: summary) == nil)
        #expect(F.cell("G5", in: byLocation) == nil)
    }

    @Test("the Total row sums the flows and shows the last month's deferred revenue", arguments: [
        ("B4", "SUM(B2:B3)", "3"), ("C4", "SUM(C2:C3)", "500"), ("F4", "SUM(F2:F3)", "300"), ("G4", "SUM(G2:G3)", "3"),
        ("H4", "SUM(H2:H3)", "200"), ("I4", "I3", "100"),
    ])
    func totals(ref: String, formula: String, value: String) throws {
        let summary = try F.part(try Self.workbook(), "xl/worksheets/sheet1.xml")
        let c = try #require(F.cell(ref, in: summary))
        #expect(c.contains("<f>\(formula)</f><v>\(value)</v>"), "\(c)")
    }

    @Test("the Total row has its name and no rate")
    func totalLabel() throws {
        let path = try Self.workbook()
        let summary = try F.part(path, "xl/worksheets/sheet1.xml")
        let strings = try F.part(path, "xl/sharedStrings.xml") + summary
        #expect(F.cell("A4", in: summary) != nil && strings.contains("Total"))
        let rate = try #require(F.cell("E4", in: summary))
        #expect(!rate.contains("<v>") && !rate.contains("<f>"), "\(rate)")
    }

    @Test("sheets have their rows: a month each plus the totals, every report row, the accepted quotes")
    func rowCounts() throws {
        let path = try Self.workbook()
        for (sheet, rows) in [("sheet1", 4), ("sheet2", 6), ("sheet3", 2)] {
            let xml = try F.part(path, "xl/worksheets/\(sheet).xml")
            #expect(xml.components(separatedBy: "<row ").count - 1 == rows, "\(sheet)")
        }
    }

    @Test("the chart plots the booked and recognized columns against the months")
    func chart() throws {
        let xml = try F.part(try Self.workbook(), "xl/charts/chart1.xml")
        for range in ["Summary!$A$2:$A$3", "Summary!$F$2:$F$3", "Summary!$H$2:$H$3"] { #expect(xml.contains(range), "\(range)") }
    }

    @Test("the same ledger gives the same workbook bytes")
    func deterministic() throws {
        let a = try Data(contentsOf: URL(fileURLWithPath: try Self.workbook()))
        let b = try Data(contentsOf: URL(fileURLWithPath: try Self.workbook()))
        #expect(a == b)
    }

    @Test("a discarded workbook leaves nothing")
    func discarded() throws {
        let dir = try F.folder()
        let writer = try MonthlyXLSXWriter(path: dir + "/m.xlsx", from: F.first, to: F.last, currency: "USD")
        try writer.addAccepted(F.records[0])
        writer.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}
