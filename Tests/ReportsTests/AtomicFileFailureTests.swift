import Foundation
import Pricing
import Testing
@testable import Reports

/// Every way a workbook or CSV output can fail between making its temporary file and
/// moving it into place leaves nothing behind: not the output, not a temporary file.
@Suite("Atomic output files: failures leave nothing behind")
struct AtomicFileFailureTests {
    static let card: RateCard = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! RateCard.load(path: root.appendingPathComponent("Examples/pricing.toml").path)
    }()

    static func quote(client: String, id: String = "T1") throws -> Quote {
        let fields = RequestFields(requestID: id, client: client, location: "downtown", tier: "senior", areas: "face",
                                   sessions: "3", quoteDate: "2026-11-02", status: "accepted", acceptedOn: "2026-11-05")
        return try QuoteEngine.quote(QuoteRequest(fields: fields), card: card, today: LocalDate(iso: "2026-11-02")!)
    }

    /// Longer than the 32,767 characters an Excel cell holds: libxlsxwriter refuses it.
    static let overlong = String(repeating: "x", count: 40_000)

    func folder() throws -> String { try AtomicFileTests().folder() }
    func names(_ dir: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }

    @Test("a quotes workbook that fails midway (a cell too long), then discarded, leaves nothing, old file kept",
          arguments: [0, 1, 500])
    func quotesWorkbookFails(goodRowsFirst: Int) throws {
        let dir = try folder()
        let path = dir + "/q.xlsx"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let sink = try XLSXQuoteSink(path: path, card: Self.card, created: LocalDate(iso: "2026-11-02")!)
            for i in 0..<goodRowsFirst { try sink.add(Self.quote(client: "Ana", id: "G\(i)")) }
            #expect(throws: ReportError.self) { try sink.add(Self.quote(client: Self.overlong)) }
            sink.discard()
        }
        #expect(try names(dir) == ["q.xlsx"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }

    @Test("a quotes workbook dropped without discard (an error elsewhere) leaves nothing: the workbook is not written after its file is removed")
    func quotesWorkbookDropped() throws {
        let dir = try folder()
        let path = dir + "/q.xlsx"
        do {
            let sink = try XLSXQuoteSink(path: path, card: Self.card, created: LocalDate(iso: "2026-11-02")!)
            try sink.add(Self.quote(client: "Ana"))
        }
        #expect(try names(dir).isEmpty)
    }

    @Test("a client workbook that fails (a cell too long) leaves nothing", arguments: ["new", "existing"])
    func clientWorkbookFails(kind: String) throws {
        let dir = try folder()
        let path = dir + "/quote.xlsx"
        if kind == "existing" { try "old".write(toFile: path, atomically: false, encoding: .utf8) }
        #expect(throws: ReportError.self) { try ClientQuoteWorkbook.write(Self.quote(client: Self.overlong), to: path) }
        #expect(try names(dir) == (kind == "existing" ? ["quote.xlsx"] : []))
    }

    @Test("a workbook that fails the read-back check leaves nothing", arguments: [0.3, 0.6, 0.9])
    func verifierFails(keep fraction: Double) throws {
        let dir = try folder()
        let path = dir + "/w.xlsx"
        let file = try AtomicFile(destination: path)
        let book = try XLSXWorkbook(path: file.temporaryPath, displayPath: path, constantMemory: true)
        let sheet = try book.addSheet("S")
        for r in 0..<3_000 { try sheet.writeText("row \(r)", row: r, column: 0) }
        try book.close()
        // As a full disk leaves it: cut short.
        let size = try #require(FileManager.default.attributesOfItem(atPath: file.temporaryPath)[.size] as? Int)
        #expect(truncate(file.temporaryPath, off_t(Double(size) * fraction)) == 0)
        do {
            try XLSXVerifier.verify(path: file.temporaryPath, displayPath: path, rows: ["xl/worksheets/sheet1.xml": 3_000])
            Issue.record("a truncated workbook passed")
            try file.commit()
        } catch {
            file.discard()
        }
        #expect(try names(dir).isEmpty)
    }

    @Test("a monthly workbook given up before it is finished leaves nothing", arguments: [0, 3])
    func monthlyDiscarded(records: Int) throws {
        let dir = try folder()
        let path = dir + "/m.xlsx"
        do {
            let writer = try MonthlyReportWriter(path: path, from: YearMonth(iso: "2026-11")!, to: YearMonth(iso: "2027-01")!, currency: "USD")
            for i in 0..<records {
                let q = try Self.quote(client: "Ana", id: "M\(i)")
                try writer.add(RevenueRecord(quote: q))
            }
            writer.discard()
        }
        #expect(try names(dir).isEmpty)
    }
}
