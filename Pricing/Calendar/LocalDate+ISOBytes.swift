extension LocalDate {
    /// Calls `body` with the date's ISO `YYYY-MM-DD` text: ten ASCII bytes in a stack
    /// buffer, valid during the call. The one place the text is made: ``description``,
    /// ``appendISO(to:)`` and the quote-id hash all read it from here.
    @inlinable
    public func withISOBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        let c = components
        var text: (UInt64, UInt16) = (0, 0)
        return withUnsafeMutableBytes(of: &text) { b in
            b[0] = 0x30 + UInt8(c.year / 1000 % 10); b[1] = 0x30 + UInt8(c.year / 100 % 10)
            b[2] = 0x30 + UInt8(c.year / 10 % 10); b[3] = 0x30 + UInt8(c.year % 10); b[4] = 0x2D
            b[5] = 0x30 + UInt8(c.month / 10); b[6] = 0x30 + UInt8(c.month % 10); b[7] = 0x2D
            b[8] = 0x30 + UInt8(c.day / 10); b[9] = 0x30 + UInt8(c.day % 10)
            return body(UnsafeRawBufferPointer(rebasing: b[0..<10]))
        }
    }

    /// Appends the date as ISO `YYYY-MM-DD` (ten ASCII bytes, appended at once) to `bytes`.
    @inlinable
    public func appendISO(to bytes: inout [UInt8]) {
        withISOBytes { bytes.append(contentsOf: $0) }
    }
}
