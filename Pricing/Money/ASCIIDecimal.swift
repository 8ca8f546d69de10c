/// Integers written as ASCII decimal digits straight into a byte buffer: the writers of
/// CSV rows and ledger rows format millions of numbers without making a `String` each.
/// Each number is built in a small stack buffer and appended at once (one capacity check,
/// not one a digit).
public enum ASCIIDecimal {
    /// Appends `value` in decimal (`-` first when negative; no grouping, no padding).
    @inlinable
    public static func append(_ value: Int64, to bytes: inout [UInt8]) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: "-9223372036854775808" is 20
        withUnsafeMutableBytes(of: &scratch) { raw in
            let end = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + raw.count
            var start = writeDigits(value.magnitude, endingAt: end)
            if value < 0 { start -= 1; start.pointee = 0x2D }
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: end - start))
        }
    }

    /// Writes the digits of `value` right-aligned so they end just before `end`; returns
    /// where they start (`value` 0 is one digit). The caller provides 20 bytes before `end`.
    @inlinable
    public static func writeDigits(_ value: UInt64, endingAt end: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var p = end
        var v = value
        repeat {
            p -= 1
            p.pointee = 0x30 + UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        } while v > 0
        return p
    }
}
