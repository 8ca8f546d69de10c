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

    /// The text of each page of a PDF (poppler's pdftotext), in page order.
    static func pageTexts(_ pdf: String) throws -> [String] {
        let pages = try pageCount(pdf)
        return try (0..<pages).map { i in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
            p.arguments = ["-f", "\(i + 1)", "-l", "\(i + 1)", pdf, "\(pdf).\(i + 1).txt"]
            try p.run()
            p.waitUntilExit()
            return try String(contentsOfFile: "\(pdf).\(i + 1).txt", encoding: .utf8)
        }
    }

    /// A file inside a workbook (a zip), by unzip.
    static func member(_ xlsx: String, _ name: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        p.arguments = ["-p", xlsx, name]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
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
        // The Summary sheet's header row is labels for people (issue 10), by column name here.
        let labels = ["location": "Location", "quotes": "Quotes", "list_total": "List total", "series_discount": "Series discount",
                      "promo_discount": "Promotion discount", "treatment_net": "Treatment net", "addons_total": "Add-ons total",
                      "tax": "Tax", "total": "Total"]
        let summary = SimpleCSV.records(file: folder + "/q-Summary.csv")
        let all = try #require(summary.first { $0[labels["location"]!] == "ALL" })
        let quotes = SimpleCSV.records(file: folder + "/q.csv")
        #expect(Int(all[labels["quotes"]!]!) == quotes.count)
        for column in ["list_total", "series_discount", "promo_discount", "treatment_net", "addons_total", "tax", "total"] {
            let label = labels[column]!
            let sum = quotes.reduce(Int64(0)) { $0 + cents($1[column]!) }
            #expect(cents(all[label]!) == sum, "\(column)")
            for location in ["downtown", "riverside", "uptown"] {
                let row = try #require(summary.first { $0[labels["location"]!] == location })
                let locSum = quotes.filter { $0["location"] == location }.reduce(Int64(0)) { $0 + cents($1[column]!) }
                #expect(cents(row[label]!) == locSum, "\(location) \(column)")
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

    @Test("the largest client quote prints on exactly one page, every line of it", arguments: ["letter", "a4"])
    func largestClientQuoteOnePage(paper: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The longest name (60 characters), contact lines (80) and terms (1,200) a card may
        // hold, four address lines of 80.
        let sentence = "Sessions cancelled with less than 48 hours' notice are charged in full; deposits are not refundable. "
        let terms = String(String(repeating: sentence, count: 13).prefix(1_199)) + "."
        let name = "Lumen Skin and Laser Clinic of the Greater Portland Metro Ar"
        let line = { (n: Int) in String("\(n) Long Boulevard of the Clinic District, Building \(n), Floor \(n), Suite 1234567890".prefix(80)) }
        let clinic = """
            [clinic]
            name = "\(name)"
            address = [\((1...4).map { "\"\(line($0))\"" }.joined(separator: ", "))]
            phone = "+1 (503) 555-0142 ext. 1234 (front desk), 1235 (billing), 12347 (after hours)"
            email = "front-desk-and-appointments-and-billing-and-aftercare@lumen-skin-laser.example"
            website = "https://www.lumen-skin-and-laser-clinic.example/quotes/microneedling/plans/2026"
            terms = "\(terms)"
            logo = "clinic-logo.png"
            paper = "\(paper)"
            """
        let example = try String(contentsOfFile: Binary.example("pricing.toml"), encoding: .utf8)
        let card = String(example[..<example.range(of: "[clinic]")!.lowerBound]) + clinic + "\n"
        try card.write(toFile: folder + "/card.toml", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Binary.example("clinic-logo.png"), toPath: folder + "/clinic-logo.png")
        let client = String(repeating: "Maria-Alejandra Fernandez ", count: 3).prefix(60)
        let r = try Binary.run(["quote", "--pricing", folder + "/card.toml", "--location", "downtown", "--tier", "physician",
                                "--areas", "face,neck,decollete,scalp,acne_scars", "--sessions", "6", "--spacing-weeks", "6",
                                "--start", "2026-11-01", "--addon", "numbing", "--addon", "growth_serum", "--addon", "aftercare_kit",
                                "--promo", "NEWCLIENT50", "--client", String(client), "--date", "2026-11-01", "--output", folder + "/quote.xlsx"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(client.count == 60 && name.count == 60)
        try LibreOffice.convert(folder + "/quote.xlsx", to: "pdf", in: folder)
        #expect(try LibreOffice.pageCount(folder + "/quote.pdf") == 1)
        let text = try LibreOffice.pageTexts(folder + "/quote.pdf").joined().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for shown in [name, line(4), String(client), "microneedling/plans/2026", "12347 (after hours)", "Aftercare kit", "moved from 2026-11-01 (closed)", "deposits are not refundable.",
                      "Signature:", "Rate card Microneedling rate card"] {
            #expect(text.contains(shown), "\(shown) is printed")
        }
    }

    /// Each page's sheet (named in the footer) must show the first and last header of that
    /// sheet: the header row repeats on every page, and every column fits the page's width.
    func expectOnePageWide(_ pdf: String, headers: [String: (first: String, last: String)]) throws -> [String: Int] {
        var pagesOf: [String: Int] = [:]
        for (n, text) in try LibreOffice.pageTexts(pdf).enumerated() {
            let sheet = try #require(headers.keys.sorted { $0.count > $1.count }.first { text.contains($0) }, "page \(n + 1) names no sheet: \(text.prefix(200))")
            pagesOf[sheet, default: 0] += 1
            let (first, last) = headers[sheet]!
            #expect(text.contains(first) && text.contains(last), "page \(n + 1) (\(sheet)) lacks \(first) or \(last)")
            #expect(text.contains("Page \(n + 1) of"), "page \(n + 1) has its number in the footer")
        }
        return pagesOf
    }

    /// Every sheet prints landscape, one page wide, any pages tall, its header row repeated.
    func expectPrintSetup(_ xlsx: String, sheets: Int) throws {
        let workbook = try LibreOffice.member(xlsx, "xl/workbook.xml")
        for i in 1...sheets {
            let xml = try LibreOffice.member(xlsx, "xl/worksheets/sheet\(i).xml")
            #expect(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "sheet \(i) fits to pages")
            #expect(xml.contains("fitToHeight=\"0\"") && !xml.contains("fitToWidth="), "sheet \(i): 1 page wide, any pages tall")
            #expect(xml.contains("orientation=\"landscape\""), "sheet \(i) landscape")
            #expect(workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(i - 1)\">"), "sheet \(i) repeats its header row")
        }
    }

    @Test("the quotes workbook of the example batch prints one page per sheet, landscape and one page wide")
    func quotesWorkbookPrints() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"),
                                "--output", folder + "/q.xlsx", "--date", "2026-11-01"])
        #expect(r.status == 0, "\(r.stderr)")
        try expectPrintSetup(folder + "/q.xlsx", sheets: 2)
        try LibreOffice.convert(folder + "/q.xlsx", to: "pdf", in: folder)
        // Was 12 portrait pages for the Quotes sheet's 5 rows (issue 10).
        #expect(try LibreOffice.pageCount(folder + "/q.pdf") == 2)
        let pages = try expectOnePageWide(folder + "/q.pdf", headers: ["Quotes": ("quote_id", "currency"), "Summary": ("Location", "Total")])
        #expect(pages == ["Quotes": 1, "Summary": 1])
    }

    @Test("a long quotes workbook prints every page one page wide with the header row repeated")
    func longQuotesWorkbookPrints() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The example's five requests, 100 times under distinct ids: 500 quotes.
        let example = try String(contentsOfFile: Binary.example("requests.csv"), encoding: .utf8).split(separator: "\n")
        let rows = (0..<100).flatMap { i in example.dropFirst().map { "R\(i)-" + $0 } }
        try ([String(example[0])] + rows).joined(separator: "\n").appending("\n").write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        _ = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), folder + "/r.csv", "--output", folder + "/q.xlsx", "--date", "2026-11-01"])
        try LibreOffice.convert(folder + "/q.xlsx", to: "pdf", in: folder)
        let pages = try expectOnePageWide(folder + "/q.pdf", headers: ["Quotes": ("quote_id", "currency"), "Summary": ("Location", "Total")])
        #expect((pages["Quotes"] ?? 0) > 1, "several pages tall: \(pages)")
    }

    @Test("the monthly workbook's sheets print landscape at fit-to-width with readable, repeated headers", arguments: [
        ("2026-11", "2027-05", 5, true), ("2026-01", "2028-12", 5, false), ("2026-11", "2026-12", 600, false),
    ])
    func monthlyWorkbookPrints(from: String, to: String, generatedRows: Int, onePageEach: Bool) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        var requests = Binary.example("requests.csv")
        if generatedRows > 5 {
            var generator = RequestGenerator(seed: 3)
            requests = folder + "/r.csv"
            try generator.csv(rows: generatedRows).write(toFile: requests, atomically: true, encoding: .utf8)
        }
        _ = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), requests, "--output", folder + "/saved.csv",
                            "--save", "--ledger", ledger, "--date", "2026-11-01"])
        let r = try Binary.run(["report", "monthly", "--from", from, "--to", to, "--output", folder + "/m.xlsx", "--ledger", ledger])
        #expect(r.status == 0, "\(r.stderr)")
        try expectPrintSetup(folder + "/m.xlsx", sheets: 3)
        let summary = try LibreOffice.member(folder + "/m.xlsx", "xl/worksheets/sheet1.xml")
        #expect(!summary.contains("quotes_issued"), "labels, not column names")
        try LibreOffice.convert(folder + "/m.xlsx", to: "pdf", in: folder)
        let pages = try expectOnePageWide(folder + "/m.pdf", headers: [
            "Summary": ("Month", "Deferred revenue"), "By location": ("Location", "Deferred revenue"), "Accepted quotes": ("Quote ID", "Last session"),
        ])
        #expect(pages["Summary"] != nil && pages["By location"] != nil && pages["Accepted quotes"] != nil, "\(pages)")
        if onePageEach { #expect(pages == ["Summary": 1, "By location": 1, "Accepted quotes": 1]) }
    }
}
