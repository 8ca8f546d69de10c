extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (scanned as UTF-8 bytes).
    public var trimmingSpaces: Substring {
        let s = Substring(self)
        let u = s.utf8
        // Fast path: nothing to trim (the usual case).
        if let f = u.first, let l = u.last, f != 0x20, f != 0x09, l != 0x20, l != 0x09 { return s }
        var start = u.startIndex, end = u.endIndex
        while start < end, u[start] == 0x20 || u[start] == 0x09 { start = u.index(after: start) }
        while end > start {
            let before = u.index(before: end)
            guard u[before] == 0x20 || u[before] == 0x09 else { break }
            end = before
        }
        return s[start..<end]
    }
}
