import Foundation
import Testing

/// Sums over many quotes, each within a rate card's limits: a card's limits bound one
/// quote (see `RateCardLimits`), not a batch's or a report's totals, so the totals a
/// workbook shows must neither trap nor wrap.
@Suite("Totals over many quotes at the card's limits, end to end")
struct AggregateLimitTests {
    /// A card at the limits: a session and four taxable per-session add-ons at
    /// 999,999,999.99, 100% tax on everything, up to 1,000 sessions. One 1,000-session
    /// quote totals 999,999,999,990,000 cents; about 9,224 of them pass `Int64.max`.
    static let card = """
        schema = 1
        name = "Extreme"
        version = "X1"
        currency = "USD"
        effective_from = 2026-01-01

        [rules]
        session_price_ceiling = 999999999.99
        max_sessions = 1000
        services_taxable = true

        [tiers.t]
        name = "T"

        [locations.l]
        name = "L"
        tax_rate = 100
        closed_weekdays = []
        rates = { t = 999999999.99 }

        [areas.a]
        name = "A"
        surcharge = 0

        """ + (1...4).map { "[addons.k\($0)]\nname = \"K\($0)\"\nprice = 999999999.99\nper = \"session\"\ntaxable = true\n" }
        .joined(separator: "\n")

    static func folderWithCard() -> String {
        let folder = Binary.temporaryFolder()
        FileManager.default.createFile(atPath: folder + "/card.toml", contents: Data(card.utf8))
        return folder
    }

    @Test("a workbook's Summary totals of quotes whose sum passes Int64 are written, not trapped", arguments: [9_300, 10_000])
    func batchSummary(rows: Int) throws {
        let folder = Self.folderWithCard()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var csv = "request_id,location,tier,areas,sessions,addons,quote_date\n"
        for i in 0..<rows { csv += "R\(i),l,t,a,1000,k1;k2;k3;k4,2026-01-01\n" }
        FileManager.default.createFile(atPath: folder + "/r.csv", contents: Data(csv.utf8))
        let r = try Binary.run(["batch", "--pricing", "card.toml", "r.csv", "--output", "q.xlsx"], in: folder)
        #expect(r.status == 0, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("\(rows) quoted"), "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/q.xlsx"))
    }

    @Test("a monthly workbook whose deferred balances, added over the months, would pass Int64 is written, not trapped",
          arguments: ["9000-12", "9999-12"])
    func monthlyTotalRow(to: String) throws {
        let folder = Self.folderWithCard()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let save = try Binary.run(["quote", "--pricing", "card.toml", "--location", "l", "--tier", "t", "--areas", "a",
                                   "--sessions", "1000", "--addon", "k1", "--start", "9000-01-01", "--date", "2026-01-01",
                                   "--status", "accepted", "--accepted-on", "2026-01-05", "--save", "--ledger", "l.sqlite",
                                   "--format", "json"], in: folder)
        #expect(save.status == 0, "\(save.stderr)")
        for output in ["r.xlsx", "r.csv"] {
            let r = try Binary.run(["report", "monthly", "--from", "2026-01", "--to", to, "--output", output, "--ledger", "l.sqlite"],
                                   in: folder)
            #expect(r.status == 0, "\(output): \(r.status) \(r.stderr)")
            #expect(FileManager.default.fileExists(atPath: folder + "/" + output))
        }
    }
}
