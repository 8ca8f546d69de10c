import Foundation
import Pricing
import Reports
import Testing

@Suite("Client quote PDF: what is drawn comes back out")
struct ClientQuotePDFTests {
    /// The PDF of `quote` for `clinic`, written to a fresh folder; its path.
    static func write(_ quote: Quote, clinic: ClinicDetails?, name: String = "quote.pdf") throws -> String {
        let path = try PDFFixture.folder() + "/" + name
        try ClientQuotePDF.write(quote, clinic: clinic, to: path)
        return path
    }

    static func clinicWithLogo(paper: ClinicDetails.Paper = .letter) throws -> ClinicDetails {
        let logo = try PDFFixture.folder() + "/logo.png"
        try PDFFixture.writeLogo(to: logo)
        return PDFFixture.clinic(logoPath: logo, paper: paper)
    }

    static let exampleIDs = ["EX1", "EX2", "EX3", "EX4", "EX5"]

    @Test("every figure of the waterfall and every session date of each worked example is in pdftotext's text",
          arguments: exampleIDs)
    func workedExample(id: String) throws {
        let request = try #require(try PDFFixture.exampleRequests().first { $0.id == id }).request
        let expected = try #require(try PDFFixture.expectedQuotes()[id])
        let quote = try QuoteEngine.quote(request, card: try PDFFixture.card(), today: PDFFixture.today)
        let text = try Poppler.text(try Self.write(quote, clinic: try Self.clinicWithLogo()))
        let figures = ["session_list_price", "session_price", "list_total", "series_discount", "promo_discount", "treatment_net",
                       "addons_total", "tax", "total", "deposit", "balance", "per_session_price"]
        for column in figures {
            let value = try #require(expected[column])
            let cents = try #require(Int64(value.replacingOccurrences(of: ".", with: "")))
            if (column == "series_discount" || column == "promo_discount") && cents == 0 { continue }
            let printed = (column.hasSuffix("discount") ? "-" : "") + Self.grouped(cents)
            #expect(text.contains(printed), "\(id) \(column) = \(value): '\(printed)' not in the PDF's text")
        }
        for column in ["quote_date", "valid_until", "first_session", "last_session"] {
            #expect(text.contains(try #require(expected[column])), "\(id) \(column)")
        }
        for session in quote.schedule.sessions {
            #expect(text.contains(session.date.description), "\(id) session \(session.number)")
            if session.moved { #expect(text.contains("moved from \(session.planned) (closed)")) }
        }
        for installment in quote.installments { #expect(text.contains(Self.grouped(installment.amount.cents))) }
        #expect(text.contains(expected["client"] ?? "-"))
    }

    /// `1316.93` as the expected CSV has it, grouped as the PDF prints it, written here
    /// independently of the library's formatter.
    static func grouped(_ cents: Int64) -> String {
        let whole = String(cents / 100)
        var out = ""
        for (i, c) in whole.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed()) + "." + (cents % 100 < 10 ? "0" : "") + String(cents % 100)
    }

    static let names: [(script: String, name: String)] = [
        ("Latin with accents", "Zoë Faure-Ñúñez Łukasz Øster"),
        ("Cyrillic", "Иван Петрович Сидоров"),
        ("Greek", "Ζωή Παπαδοπούλου"),
        ("Chinese", "王小明"),
        ("Japanese", "山田 はなこ カタカナ"),
        ("Korean", "김민준"),
        ("Arabic (right to left)", "محمد العلي"),
        ("Hebrew (right to left)", "דוד כהן"),
        ("mixed", "Ana 王 محمد דוד Ζωή Иван"),
    ]

    @Test("a client name in any script prints: its characters come back from pdftotext", arguments: names)
    func script(script: String, name: String) throws {
        let path = try Self.write(try PDFFixture.quote(client: name), clinic: PDFFixture.clinic(logoPath: nil))
        let text = try Poppler.text(path, layout: false)
        // Right-to-left text comes back in visual or logical order, with spacing of its own:
        // every character of the name must be there.
        let found = Set(text.unicodeScalars)
        for scalar in name.unicodeScalars where scalar != " " {
            #expect(found.contains(scalar), "\(script): U+\(String(scalar.value, radix: 16)) of '\(name)' missing")
        }
        if !name.contains(where: { $0.unicodeScalars.first!.properties.isBidiMirrored || ("\u{0590}"..."\u{06FF}").contains($0) }) {
            #expect(text.contains(name), "\(script): '\(name)' not found whole")
        }
        for font in try Poppler.fonts(path) {
            #expect(font.embedded && font.subset, "\(script): font \(font.name) not embedded and subset")
        }
    }

    @Test("the largest plan the card allows is one page, on letter and on A4, quoted and accepted",
          arguments: ClinicDetails.Paper.allCases, [QuoteStatus.quoted, .accepted])
    func largestPlan(paper: ClinicDetails.Paper, status: QuoteStatus) throws {
        let quote = try PDFFixture.largestQuote(status: status)
        #expect(quote.addonLines.count == (try PDFFixture.card()).addons.count && quote.request.sessions == 6)
        #expect(PDFFixture.longName.count == 60)
        let path = try Self.write(quote, clinic: try Self.clinicWithLogo(paper: paper))
        let info = try Poppler.info(path)
        #expect(info["Pages"] == "1")
        #expect(info["Page size"]?.hasPrefix(paper == .letter ? "612 x 792" : "595 x 842") == true)
        let text = try Poppler.flatText(path)
        #expect(text.contains(PDFFixture.longName))
        #expect(text.contains("Lumière Skin & Laser Clinic of Greater Springfield"))
        #expect(text.contains("page 1 of 1"))
        if status == .accepted {
            #expect(text.contains("Accepted on 2026-11-03 by \(PDFFixture.longName)"))
            #expect(!text.contains("Signature"))
        } else {
            #expect(text.contains("Signature of"))
        }
    }

    @Test("a client name of any length keeps the quote on one page (cut to two lines with an ellipsis)",
          arguments: [200, 5_000], [QuoteStatus.quoted, .accepted])
    func hugeName(length: Int, status: QuoteStatus) throws {
        let name = String(repeating: "Wolkenstein-Hohenberg ", count: length / 22 + 1).prefix(length)
        let path = try Self.write(try PDFFixture.largestQuote(client: String(name), status: status), clinic: try Self.clinicWithLogo())
        #expect(try Poppler.info(path)["Pages"] == "1")
        #expect(try Poppler.flatText(path).contains("Wolkenstein-Hohenberg Wolkenstein-Hohenberg"))
    }

    @Test("every font is embedded and subset", arguments: [nil, "王小明 محمد Иван"] as [String?])
    func fontsEmbedded(extra: String?) throws {
        let path = try Self.write(try PDFFixture.largestQuote(client: extra ?? PDFFixture.longName), clinic: try Self.clinicWithLogo())
        let fonts = try Poppler.fonts(path)
        #expect(!fonts.isEmpty)
        for font in fonts { #expect(font.embedded && font.subset, "\(font.name)") }
    }

    @Test("the same quote gives the same bytes, from one renderer or two",
          arguments: [ClinicDetails.Paper.letter, .a4])
    func sameBytes(paper: ClinicDetails.Paper) throws {
        let clinic = try Self.clinicWithLogo(paper: paper)
        let quote = try PDFFixture.largestQuote(client: "Ana 王 محمد דוד Ζωή")
        let renderer = try ClientQuoteRenderer(clinic: clinic)
        let first = try renderer.render(quote, displayPath: "q.pdf")
        let again = try renderer.render(quote, displayPath: "q.pdf")
        let fresh = try ClientQuoteRenderer(clinic: clinic).render(quote, displayPath: "q.pdf")
        #expect(first == again && first == fresh)
        let text = String(decoding: first, as: UTF8.self)
        // cairo 1.16 writes the date without PDF's "D:" prefix; later versions with it.
        #expect(text.contains("/CreationDate (20261101000000Z)") || text.contains("/CreationDate (D:20261101000000"))
        #expect(text.contains("/ModDate (20261101000000Z)") || text.contains("/ModDate (D:20261101000000"))
    }

    @Test("the rendered page is not blank where the total is drawn", arguments: ClinicDetails.Paper.allCases)
    func totalIsInk(paper: ClinicDetails.Paper) throws {
        let quote = try PDFFixture.largestQuote()
        let path = try Self.write(quote, clinic: try Self.clinicWithLogo(paper: paper))
        let total = Self.grouped(quote.total.cents)
        // Where poppler finds the total's word, in points.
        let boxes = try Poppler.run("pdftotext", ["-bbox", path, "-"]).split(separator: "\n").filter { $0.contains(">\(total)<") }
        let line = try #require(boxes.first)
        func attribute(_ name: String) throws -> Double {
            let start = try #require(line.range(of: name + "=\""))
            return try #require(Double(line[start.upperBound...].prefix { $0 != "\"" }))
        }
        let dpi = 50.0, scale = dpi / 72
        let image = try Poppler.render(path, dpi: Int(dpi))
        let x = Int(try attribute("xMin") * scale)..<Int((try attribute("xMax") * scale).rounded(.up))
        let y = Int(try attribute("yMin") * scale)..<Int((try attribute("yMax") * scale).rounded(.up))
        let ink = image.darkPixels(x: x, y: y, threshold: 160)
        #expect(ink >= 10, "only \(ink) dark pixels where the total \(total) is drawn")
        // And a blank margin is blank: the check can tell ink from paper.
        #expect(image.darkPixels(x: 0..<10, y: 0..<image.height) == 0)
    }

    @Test("amounts print exactly from Int64 cents, grouped, with two decimals",
          arguments: [(Int64(0), "0.00"), (5, "0.05"), (131_693, "1,316.93"), (-84_000, "-840.00"), (100_000_000, "1,000,000.00"),
                      (Int64.max, "92,233,720,368,547,758.07"), (Int64.min, "-92,233,720,368,547,758.08")])
    func money(cents: Int64, text: String) throws {
        let quote = try PDFFixture.quote(client: "Ana")
        var q = quote
        q.total = Money(cents: cents)
        let path = try Self.write(q, clinic: nil)
        #expect(try Poppler.text(path).contains("USD " + text))
    }
}
