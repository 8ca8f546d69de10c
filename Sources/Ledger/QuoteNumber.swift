/// A ledger quote id, `Q-YYYY-NNNNNN`: the quote date's year and a count within it (six
/// digits, more past 999,999; at most 9,999,999 a year). The ledger's row key is
/// ``rowID``, so a quote is found by its id without a separate index.
public struct QuoteNumber: Hashable, Sendable, CustomStringConvertible {
    /// Quotes a year can hold.
    public static let perYear = 10_000_000

    /// The ledger row key: `year x 10,000,000 + seq`.
    public var rowID: Int64 { Int64(year) * Int64(QuoteNumber.perYear) + Int64(seq) }

    public var year: Int
    public var seq: Int

    public init(year: Int, seq: Int) { self.year = year; self.seq = seq }

    /// Parses `Q-2026-000123`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "Q", parts[1].count == 4, parts[2].count >= 6,
              let y = Int(parts[1]), let s = Int(parts[2]), y > 0, s > 0, s < QuoteNumber.perYear else { return nil }
        year = y
        seq = s
    }

    public var description: String {
        let digits = String(seq)
        return "Q-\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
