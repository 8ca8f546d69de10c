import Foundation
import Pricing
import Testing
@testable import Reports

@Suite("Monthly report CSV writer")
struct MonthlyCSVWriterTests {
    typealias F = MonthlyWriterFixture

    static let expected = """
        month,location,tier,quotes_issued,quoted_value,quotes_accepted,conversion_rate,booked_revenue,sessions_booked,recognized_revenue,deferred_revenue_end\r
        2026-11,ALL,ALL,3,500.00,1,0.3333,300.00,3,100.00,200.00\r
        2026-11,downtown,senior,1,300.00,1,1.0000,300.00,3,100.00,200.00\r
        2026-11,uptown,physician,2,200.00,0,0.0000,0.00,0,0.00,0.00\r
        2026-12,ALL,ALL,0,0.00,0,,0.00,0,100.00,100.00\r
        2026-12,downtown,senior,0,0.00,0,,0.00,0,100.00,100.00\r

        """

    @Test("the CSV is the header and every row, the rate as its 4-decimal text, an empty cell when none were issued")
    func bytes() throws {
        let path = try F.folder() + "/m.csv"
        try MonthlyCSVWriter(path: path).finish(try F.revenue())
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.expected)
    }

    @Test("the report writer chooses the CSV writer for a .csv path and gives the same bytes", arguments: ["m.csv", "M.CSV"])
    func throughReportWriter(name: String) throws {
        let path = try F.folder() + "/" + name
        let writer = try MonthlyReportWriter(path: path, from: F.first, to: F.last, currency: "USD")
        for r in F.records { try writer.add(r) }
        try writer.finish()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.expected)
    }

    @Test("nothing is written before finish, and a discarded report leaves nothing")
    func nothingBeforeFinish() throws {
        let dir = try F.folder()
        let writer = try MonthlyReportWriter(path: dir + "/m.csv", from: F.first, to: F.last, currency: "USD")
        for r in F.records { try writer.add(r) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        writer.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test("text cells are neutralized and quoted as in every CSV output")
    func neutralized() throws {
        let path = try F.folder() + "/m.csv"
        var m = MonthlyRevenue(from: F.first, to: F.first)
        try m.add(F.record("Q", "=cmd", "a,b", quoted: "2026-11-01", accepted: nil, cents: 100, sessions: ["2026-11-02"]))
        try MonthlyCSVWriter(path: path).finish(m)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\r\n")
        #expect(lines.contains("2026-11,'=cmd,\"a,b\",1,1.00,0,0.0000,0.00,0,0.00,0.00"), "\(lines)")
    }
}
