/// Integers written as ASCII decimal digits straight into a byte buffer: the writers of
/// CSV rows and ledger rows format millions of numbers without making a `String` each.
public enum ASCIIDecimal {
    /// Appends `value` in decimal (`-` first when negative; no grouping, no padding).
    @inlinable
    public static func append(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 {
            bytes.append(0x2D)
            // -(Int64.min) overflows: its magnitude is written as UInt64.
            appendMagnitude(UInt64(bitPattern: 0 &- value), to: &bytes)
        } else {
            appendMagnitude(UInt64(value), to: &bytes)
        }
    }

    @inlinable
    static func appendMagnitude(_ value: UInt64, to bytes: inout [UInt8]) {
        if value < 10 { bytes.append(0x30 + UInt8(value)); return }
        var tmp: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: UInt64.max has 20 digits
        var n = 0
        var v = value
        withUnsafeMutableBytes(of: &tmp) { raw in
            while v > 0 { raw[n] = 0x30 + UInt8(v % 10); v /= 10; n += 1 }
            for i in stride(from: n - 1, through: 0, by: -1) { bytes.append(raw[i]) }
        }
    }
}
