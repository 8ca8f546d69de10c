extension LocalDate {
    /// Appends the date as ISO `YYYY-MM-DD` (ten ASCII bytes) to `bytes`.
    @inlinable
    public func appendISO(to bytes: inout [UInt8]) {
        let c = components
        bytes.append(0x30 + UInt8(c.year / 1000 % 10)); bytes.append(0x30 + UInt8(c.year / 100 % 10))
        bytes.append(0x30 + UInt8(c.year / 10 % 10)); bytes.append(0x30 + UInt8(c.year % 10)); bytes.append(0x2D)
        bytes.append(0x30 + UInt8(c.month / 10)); bytes.append(0x30 + UInt8(c.month % 10)); bytes.append(0x2D)
        bytes.append(0x30 + UInt8(c.day / 10)); bytes.append(0x30 + UInt8(c.day % 10))
    }
}
