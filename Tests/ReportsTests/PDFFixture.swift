import Foundation
import Testing
import Pricing
import Reports

/// Quotes, clinics and logos for the client quote PDF tests, and the poppler tools
/// (`pdftotext`, `pdfinfo`, `pdffonts`, `pdftoppm`, from Debian's poppler-utils) that read
/// the PDFs back independently of cairo.
enum PDFFixture {
    static let examplesFolder = QuoteTableFixture.examplesFolder
    static let today = LocalDate(iso: "2026-11-01")!

    /// The example rate card.
    static func card() throws -> RateCard {
        try RateCard.load(path: examplesFolder.appendingPathComponent("pricing.toml").path)
    }

    /// The worked examples' requests (Examples/requests.csv), by request id.
    static func exampleRequests() throws -> [(id: String, request: QuoteRequest)] {
        let reader = try CSVReader(path: examplesFolder.appendingPathComponent("requests.csv").path)
        let header = try #require(try reader.next()).fields
        var out: [(String, QuoteRequest)] = []
        while let record = try reader.next() {
            let f = Dictionary(uniqueKeysWithValues: zip(header, record.fields))
            let fields = RequestFields(requestID: f["request_id"], client: f["client"], location: f["location"], tier: f["tier"],
                                       areas: f["areas"], sessions: f["sessions"], spacingWeeks: f["spacing_weeks"],
                                       startDate: f["start_date"], addons: f["addons"], promo: f["promo"],
                                       quoteDate: f["quote_date"], status: f["status"], acceptedOn: f["accepted_on"])
            out.append((f["request_id"] ?? "", try QuoteRequest(fields: fields)))
        }
        return out
    }

    /// The expected figures of the worked examples (Examples/expected-quotes.csv), by request id.
    static func expectedQuotes() throws -> [String: [String: String]] {
        let reader = try CSVReader(path: examplesFolder.appendingPathComponent("expected-quotes.csv").path)
        let header = try #require(try reader.next()).fields
        var out: [String: [String: String]] = [:]
        while let record = try reader.next() {
            let f = Dictionary(uniqueKeysWithValues: zip(header, record.fields))
            out[f["request_id"] ?? ""] = f
        }
        return out
    }

    /// A name of exactly 60 characters, as long as a client name the tests print.
    static let longName = "Maximiliana Wolkenstein-Hohenberg de la Cruz y Villaseñor Jr"

    /// The largest plan the example card allows: 6 sessions of every area with every
    /// add-on and a promotion, at the location closed two days a week (every session
    /// moved), for a 60-character client name.
    static func largestQuote(client: String = longName, status: QuoteStatus = .quoted) throws -> Quote {
        let card = try card()
        let request = QuoteRequest(requestID: "BIG", client: client, location: "uptown", tier: "physician",
                                   areas: card.areas.map(\.id), sessions: 6, spacingWeeks: 4,
                                   startDate: LocalDate(iso: "2026-11-08"), addons: card.addons.map(\.id),
                                   promo: "NEWCLIENT50", status: status,
                                   acceptedOn: status == .accepted ? LocalDate(iso: "2026-11-03") : nil)
        return try QuoteEngine.quote(request, card: card, today: today)
    }

    /// A quote of the example card for `client`.
    static func quote(client: String, status: QuoteStatus = .quoted, acceptedOn: String? = nil) throws -> Quote {
        let request = QuoteRequest(requestID: "R1", client: client, location: "downtown", tier: "senior", areas: ["face", "neck"],
                                   sessions: 3, startDate: LocalDate(iso: "2026-11-02"), addons: ["aftercare_kit"],
                                   promo: "NEWCLIENT50", status: status, acceptedOn: acceptedOn.flatMap { LocalDate(iso: $0) })
        return try QuoteEngine.quote(request, card: try card(), today: today)
    }

    static let terms = """
        This quote holds until the date above; prices are for the plan as described. The deposit secures the \
        first session and is refunded in full when you cancel at least 48 hours before it. Each later installment \
        is due on the day of its session. Sessions may be moved once, free of charge, with 48 hours' notice. \
        Results vary; your practitioner will review your skin, medication and history before the first session, \
        and may advise against treatment. Please avoid sun exposure, retinoids and exfoliants for a week before \
        each session. Questions about this quote: call or write to us at the address above.
        """

    /// A clinic with every detail: four address lines, contact, terms, and the logo at `logoPath`.
    static func clinic(logoPath: String?, paper: ClinicDetails.Paper = .letter) -> ClinicDetails {
        ClinicDetails(name: "Lumière Skin & Laser Clinic of Greater Springfield",
                      address: ["Suite 1200, Riverside Medical Arts Building", "4417 North Lakeshore Boulevard",
                                "Springfield, IL 62704", "United States"],
                      phone: "+1 (217) 555-0142", email: "frontdesk@lumiere-skin.example",
                      website: "https://www.lumiere-skin.example", terms: terms, logoPath: logoPath, paper: paper)
    }

    /// A fresh empty folder.
    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spaquote-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// Writes a `width` x `height` PNG logo (a teal disc on white) to `path`.
    static func writeLogo(to path: String, width: Int = 240, height: Int = 120) throws {
        try Data(TinyPNG.encode(width: width, height: height) { x, y in
            let dx = Double(x - height / 2), dy = Double(y - height / 2)
            return dx * dx + dy * dy < Double(height * height) / 5 ? (13, 92, 107) : (255, 255, 255)
        }).write(to: URL(fileURLWithPath: path))
    }
}
