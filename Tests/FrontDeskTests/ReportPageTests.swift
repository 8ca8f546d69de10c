import Foundation
@testable import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import Pricing
import Reports
import Testing
import Workflows

@Suite("Front desk: monthly revenue, its chart, and the rate card")
struct ReportPageTests {
    /// A desk whose ledger holds the example requests, saved as `spaquote batch --save` saves them.
    static func savedExamples() async throws -> WebFixture {
        let desk = try await WebFixture()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let batch = BatchRun(card: try RateCard.load(path: WebFixture.pricingPath), requestsPath: WebFixture.examples + "/requests.csv",
                             outputPath: folder.appendingPathComponent("q.csv").path, today: WebFixture.today)
        _ = try await BatchSave(batch, into: desk.store).run()
        return desk
    }

    /// The table rows of a monthly page, as CSV lines.
    static func tableLines(_ page: String) -> [String] {
        guard let start = page.range(of: "<tbody>"), let end = page.range(of: "</tbody>", range: start.upperBound..<page.endIndex) else { return [] }
        return page[start.upperBound..<end.lowerBound].components(separatedBy: "</tr>").compactMap { row in
            let cells = row.components(separatedBy: "<td>").dropFirst().map { $0.replacingOccurrences(of: "</td>", with: "") }
            return cells.isEmpty ? nil : cells.joined(separator: ",")
        }
    }

    /// A CSV's lines (CRLF-separated) but its header.
    static func dataLines(_ csv: String) -> [String] {
        Array(csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty })
    }

    @Test("The page's table holds the figures of the CSV download, which equals report monthly's expected file")
    func pageEqualsCSV() async throws {
        let desk = try await Self.savedExamples()
        try await desk.account("boss", .manager)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            let csv = String(decoding: try await b.download(client, "/reports/monthly.csv?from=2026-11&to=2027-05"), as: UTF8.self)
            #expect(Array(csv.utf8) == (try WebFixture.example("expected-monthly-2026-11-to-2027-05.csv")))
            let page = String(decoding: try await b.download(client, "/reports/monthly?from=2026-11&to=2027-05"), as: UTF8.self)
            #expect(Self.tableLines(page) == Self.dataLines(csv))
            #expect(page.contains("<th scope=\"col\">booked_revenue</th>"))
            #expect(page.contains("href=\"/reports/monthly.xlsx?from=2026-11&amp;to=2027-05\""))
            let xlsx = try await b.download(client, "/reports/monthly.xlsx?from=2026-11&to=2027-05")
            #expect(xlsx.starts(with: Array("PK".utf8)))
        }
    }

    @Test("Without a range the page shows this month and the six after it")
    func defaults() async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            let page = String(decoding: try await b.download(client, "/reports/monthly"), as: UTF8.self)
            #expect(page.contains("id=\"from\" name=\"from\" type=\"month\" value=\"2026-11\""))
            #expect(page.contains("id=\"to\" name=\"to\" type=\"month\" value=\"2027-05\""))
            #expect(Self.tableLines(page).count == 7)   // an ALL row a month, an empty ledger
        }
    }

    @Test("A manager with locations gets their locations' figures only, on the page and in the downloads")
    func locations() async throws {
        let desk = try await Self.savedExamples()
        try await desk.account("down", .manager, at: ["downtown"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("m.csv").path
        let first = YearMonth(iso: "2026-11")!, last = YearMonth(iso: "2027-05")!
        try await MonthlyReport.write(from: desk.store, months: first, to: last, path: path) { .and([$0, .locations(["downtown"])]) }
        let expected = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        try await desk.test { client in
            let b = try await Browser.signIn(client, "down")
            let csv = try await b.download(client, "/reports/monthly.csv?from=2026-11&to=2027-05")
            #expect(csv == expected)
            let text = String(decoding: csv, as: UTF8.self)
            #expect(text.contains(",downtown,") && !text.contains(",uptown,") && !text.contains(",riverside,"))
            let page = String(decoding: try await b.download(client, "/reports/monthly?from=2026-11&to=2027-05"), as: UTF8.self)
            #expect(Self.tableLines(page) == Self.dataLines(text))
            #expect(page.contains("Your locations only: downtown."))
        }
    }

    static let badRanges: [(String, String)] = [
        ("from=2026-13", "from '2026-13': is not a month"), ("to=soon", "to 'soon': is not a month"),
        ("from=2027-01&to=2026-12", "to '2026-12': is before from"), ("from=2020-01&to=2025-01", "more than 60 months"),
    ]

    @Test("A bad range is refused with 422 naming from or to, on the page and the downloads", arguments: badRanges)
    func badRange(_ c: (String, String)) async throws {
        let desk = try await WebFixture()
        try await desk.account("boss", .manager)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            try await client.execute(uri: "/reports/monthly?" + c.0, method: .get, headers: [.cookie: b.cookie]) { r in
                #expect(r.status == .unprocessableContent)
                #expect(r.body.text.contains(PageTests.escaped(c.1)))
                #expect(!r.body.text.contains("<svg"))
            }
            for format in ["csv", "xlsx"] {
                try await client.execute(uri: "/reports/monthly.\(format)?" + c.0, method: .get, headers: [.cookie: b.cookie]) { r in
                    #expect(r.status == .unprocessableContent)
                }
            }
        }
    }

    @Test("The chart is the same bytes for the same figures, and its figures are those of the table")
    func chartDeterministic() async throws {
        let desk = try await Self.savedExamples()
        try await desk.account("boss", .manager)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "boss")
            var charts: [String] = [], rows: [String] = []
            for _ in 0..<2 {
                let page = String(decoding: try await b.download(client, "/reports/monthly?from=2026-11&to=2027-05"), as: UTF8.self)
                let start = try #require(page.range(of: "<svg")), end = try #require(page.range(of: "</svg>"))
                charts.append(String(page[start.lowerBound..<end.upperBound]))
                rows = Self.tableLines(page).filter { $0.contains(",ALL,ALL,") }
            }
            #expect(charts[0] == charts[1])
            #expect(rows.count == 7)
            for row in rows {   // month, location, tier, ..., booked_revenue (7), ..., recognized_revenue (9)
                let cells = row.split(separator: ",", omittingEmptySubsequences: false)
                #expect(charts[0].contains("<title>\(cells[0]) booked \(cells[7])</title>"))
                #expect(charts[0].contains("<title>\(cells[0]) recognized \(cells[9])</title>"))
            }
            #expect(charts[0].contains("<title id=\"chart-title\">Booked and recognized revenue, 2026-11 to 2027-05 (USD)</title>"))
        }
    }

    @Test("Every text in the chart is escaped", arguments: ["<script>alert(1)</script>", "a & b", "\"quoted\" 'single'"])
    func chartEscaped(_ hostile: String) {
        let chart = RevenueChart(months: [.init(label: hostile, booked: Money(cents: 150), recognized: Money(cents: 75))],
                                 currency: hostile, title: hostile).svg
        #expect(!chart.contains(hostile))
        #expect(chart.contains(PageTests.escaped(hostile)))
        #expect(chart == RevenueChart(months: [.init(label: hostile, booked: Money(cents: 150), recognized: Money(cents: 75))],
                                      currency: hostile, title: hostile).svg)
    }

    static let pixelCases: [(Int64, Int64, Int64)] = [(0, 100, 0), (100, 100, 200), (50, 100, 100), (33, 100, 66), (-5, 100, 0),
                                                       (.max, .max, 200), (.max / 2, .max, 99), (200, 100, 200)]
    static let topCases: [(Int64, Int64)] = [(0, 100), (1, 100), (101, 200), (131_693, 200_000), (363_000, 500_000),
                                             (500_001, 1_000_000), (.max, .max)]

    @Test("Cents scale to pixels by integer arithmetic, with no trap at the largest amounts",
          arguments: pixelCases)
    func pixels(_ c: (Int64, Int64, Int64)) {
        #expect(RevenueChart.pixels(c.0, top: c.1) == c.2)
    }

    @Test("The axis top is 1, 2 or 5 times a power of ten of whole units, at least the largest amount",
          arguments: topCases)
    func niceTop(_ c: (Int64, Int64)) {
        #expect(RevenueChart.niceTop(c.0) == c.1)
    }

    @Test("The rate card page shows the grid spaquote pricing show prints, escaped, to any signed-in account")
    func rateCard() async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        let grid = RateCardGrid.render(try RateCard.load(path: WebFixture.pricingPath))
        try await desk.test { client in
            let b = try await Browser.signIn(client, "desk")
            let page = String(decoding: try await b.download(client, "/pricing"), as: UTF8.self)
            #expect(page.contains("<pre id=\"rate-card\">" + PageTests.escaped(grid) + "</pre>"))
            try await client.execute(uri: "/pricing", method: .get) { r in
                #expect(r.status == .seeOther && r.headers[.location] == "/signin")
            }
        }
    }

    @Test("The navigation links to batches and reports only for accounts that may open them",
          arguments: [(Role.clerk, false), (.manager, true), (.admin, true)])
    func navigation(_ c: (Role, Bool)) async throws {
        let desk = try await WebFixture()
        try await desk.account("someone", c.0)
        try await desk.test { client in
            let b = try await Browser.signIn(client, "someone")
            let page = String(decoding: try await b.download(client, "/quotes"), as: UTF8.self)
            #expect(page.contains("id=\"nav-batches\"") == c.1)
            #expect(page.contains("id=\"nav-reports\"") == c.1)
            #expect(page.contains("<a id=\"nav-pricing\" href=\"/pricing\">"))
        }
    }
}
