import Foundation
import Testing

/// LibreOffice is installed by `make test` (`make setup-test`); under CI these tests run
/// whatever, so a missing LibreOffice fails there instead of being skipped.
enum LibreOffice {
    static let path = ["/usr/bin/soffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var required: Bool { path != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    /// Converts `file` with `filter` into `folder` with a private profile (so tests can run in parallel).
    static func convert(_ file: String, to filter: String, in folder: String, inputFilter: String? = nil) throws {
        let soffice = try #require(path, "LibreOffice is not installed: run make setup-test")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: soffice)
        p.arguments = ["-env:UserInstallation=file://\(folder)/lo-profile", "--headless"]
            + (inputFilter.map { ["--infilter=\($0)"] } ?? []) + ["--convert-to", filter, "--outdir", folder, file]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
    }

    /// Pages in a PDF, counted from its page objects.
    static func pageCount(_ pdf: String) throws -> Int {
        let data = try #require(FileManager.default.contents(atPath: pdf))
        let text = String(decoding: data, as: UTF8.self)
        let pageObject = try NSRegularExpression(pattern: "/Type\\s*/Page(?![a-zA-Z])")
        return pageObject.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
    }
}

@Suite("Workbooks as LibreOffice shows them", .enabled(if: LibreOffice.required))
struct LibreOfficeTests {
    func cents(_ text: String) -> Int64 {
        // LibreOffice prints plain numbers ("2685", "8876.96"); parse exactly.
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = Int64(parts[0])! * 100
        guard parts.count > 1 else { return whole }
        let frac = String(parts[1].prefix(2)).padding(toLength: 2, withPad: "0", startingAt: 0)
        return whole + (whole < 0 || text.hasPrefix("-") ? -1 : 1) * Int64(frac)!
    }

    @Test("the Summary totals LibreOffice shows equal the sums of the CSV output")
    func summaryTotals() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var generator = RequestGenerator(seed: 7)
        try generator.csv(rows: 400).write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        for ext in ["csv", "xlsx"] {
            _ = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), folder + "/r.csv",
                                "--output", "\(folder)/q.\(ext)", "--date", "2026-11-01"])
        }
        // Sheet 2 (Summary) as CSV: field sep 44, text delim 34, UTF-8 (76), sheet 2.
        try LibreOffice.convert(folder + "/q.xlsx", to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2", in: folder)
        let summary = SimpleCSV.records(file: folder + "/q-Summary.csv")
        let all = try #require(summary.first { $0["location"] == "ALL" })
        let quotes = SimpleCSV.records(file: folder + "/q.csv")
        #expect(Int(all["quotes"]!) == quotes.count)
        for column in ["list_total", "series_discount", "promo_discount", "treatment_net", "addons_total", "tax", "total"] {
            let sum = quotes.reduce(Int64(0)) { $0 + cents($1[column]!) }
            #expect(cents(all[column]!) == sum, "\(column)")
            for location in ["downtown", "riverside", "uptown"] {
                let row = try #require(summary.first { $0["location"] == location })
                let locSum = quotes.filter { $0["location"] == location }.reduce(Int64(0)) { $0 + cents($1[column]!) }
                #expect(cents(row[column]!) == locSum, "\(location) \(column)")
            }
        }
    }

    @Test("the client quote prints on exactly one page")
    func onePage() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let request = QuoteCommandTests.requests[1]   // six sessions, two add-ons: the longest example
        let r = try Binary.run(QuoteCommandTests.arguments(request) + ["--output", folder + "/quote.xlsx"])
        #expect(r.status == 0, "\(r.stderr)")
        try LibreOffice.convert(folder + "/quote.xlsx", to: "pdf", in: folder)
        #expect(try LibreOffice.pageCount(folder + "/quote.pdf") == 1)
    }
}
