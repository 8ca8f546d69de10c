import Pricing

/// A ledger quote id, `Q-YYYY-NNNNNN`: the quote date's year (four digits, 0001 to 9999)
/// and a count within it (six digits, more past 999,999; at most 9,999,999 a year). The
/// ledger's row key is ``rowID``, so a quote is found by its id without a separate index.
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

    /// Whether `bytes` are a quote id as ``init(_:)`` parses it (checked byte by byte,
    /// without making a string: the revenue read checks every quote's id).
    public static func isWellFormed(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        func digit(_ i: Int) -> Bool { b[i] &- 0x30 < 10 }
        guard b.count >= 13, b.count <= 14, b[0] == 0x51, b[1] == 0x2D, b[6] == 0x2D,
              (2..<6).allSatisfy(digit), (7..<b.count).allSatisfy(digit) else { return false }
        // Year above 0; a count from 1 to perYear - 1 (at most 7 digits: all fit).
        return !(2..<6).allSatisfy({ b[$0] == 0x30 }) && !(7..<b.count).allSatisfy({ b[$0] == 0x30 })
    }

    public var description: String {
        // Built in place (at most 2 + 20 + 1 + 20 bytes; 14 in practice: a small string,
        // no heap allocation): a batch save names a million quotes.
        String(unsafeUninitializedCapacity: 48) { out in
            var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
            return withUnsafeMutableBytes(of: &scratch) { raw in
                let end = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + raw.count
                var n = 0
                func put(_ b: UInt8) { out[n] = b; n += 1 }
                func put(_ value: Int, width: Int) {
                    let start = ASCIIDecimal.writeDigits(UInt64(value.magnitude), endingAt: end)
                    for _ in 0..<max(0, width - (end - start)) { put(0x30) }
                    for p in start..<end { put(p.pointee) }
                }
                put(0x51); put(0x2D)   // "Q-"
                put(year, width: 4)
                put(0x2D)
                put(seq, width: 6)
                return n
            }
        }
    }
}
