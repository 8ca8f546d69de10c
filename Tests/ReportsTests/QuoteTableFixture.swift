import Foundation
import Pricing

/// Quotes priced on the example rate card, with names changed, for the terminal table tests.
enum QuoteTableFixture {
    static let examplesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples")

    /// The example card with the numbing cream add-on renamed `addonName`.
    static func card(addonName: String) throws -> RateCard {
        let text = try String(contentsOf: examplesFolder.appendingPathComponent("pricing.toml"), encoding: .utf8)
        let escaped = addonName.unicodeScalars.map { $0.value < 0x20 || $0 == "\"" || $0 == "\\"
            ? "\\u" + String(repeating: "0", count: 4 - String($0.value, radix: 16).count) + String($0.value, radix: 16)
            : String($0) }.joined()
        return try RateCard.parse(toml: text.replacingOccurrences(of: "name = \"Topical numbing cream\"", with: "name = \"\(escaped)\""),
                                  file: examplesFolder.appendingPathComponent("pricing.toml").path)   // finds the [clinic] logo
    }

    /// 3 sessions of face at downtown/senior with numbing cream and the aftercare kit.
    static func quote(client: String, addonName: String) throws -> Quote {
        let request = QuoteRequest(requestID: "R1", client: client, location: "downtown", tier: "senior", areas: ["face", "neck"],
                                   sessions: 3, addons: ["numbing", "aftercare_kit"], promo: "NEWCLIENT50")
        return try QuoteEngine.quote(request, card: try card(addonName: addonName), today: LocalDate(iso: "2026-11-01")!)
    }
}
