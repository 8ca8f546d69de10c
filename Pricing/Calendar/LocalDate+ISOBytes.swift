extension LocalDate {
    /// Appends the date as ISO `YYYY-MM-DD` (ten ASCII bytes, appended at once) to `bytes`.
    @inlinable
    public func appendISO(to bytes: inout [UInt8]) {
        let c = components
        var text: (UInt64, UInt16) = (0, 0)
        withUnsafeMutableBytes(of: &text) { b in
            b[0] = 0x30 + UInt8(c.year / 1000 % 10); b[1] = 0x30 + UInt8(c.year / 100 % 10)
            b[2] = 0x30 + UInt8(c.year / 10 % 10); b[3] = 0x30 + UInt8(c.year % 10); b[4] = 0x2D
            b[5] = 0x30 + UInt8(c.month / 10); b[6] = 0x30 + UInt8(c.month % 10); b[7] = 0x2D
            b[8] = 0x30 + UInt8(c.day / 10); b[9] = 0x30 + UInt8(c.day % 10)
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[0..<10]).assumingMemoryBound(to: UInt8.self))
        }
    }
}
