import Pricing

/// The request ids seen in a batch, to refuse repeats: exact, and compact enough for a
/// million rows (about 17 MB for a million 8-byte ids, against about 32 MB for a
/// `Set<String>`).
///
/// Ids live back to back in one byte arena (a length byte or three, then the bytes);
/// an open-addressing table of 32-bit arena offsets (0 = empty) points at them. The
/// table doubles when half full; lookups compare the stored bytes, so there are no false
/// repeats.
struct RequestIDSet {
    private var arena: [UInt8] = [0]          // offset 0 is reserved for "empty"
    private var slots = [UInt32](repeating: 0, count: 1 << 12)
    private(set) var count = 0

    /// Inserts `id`; false when it was already there.
    mutating func insert(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { insert(bytes: $0) }
    }

    private mutating func insert(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: StableHash.fnv1a64(bytes)) & mask
        while slots[i] != 0 {
            if matches(Int(slots[i]), bytes) { return false }
            i = (i + 1) & mask
        }
        slots[i] = UInt32(arena.count)
        appendLength(bytes.count)
        arena.append(contentsOf: bytes)
        count += 1
        return true
    }

    private mutating func appendLength(_ n: Int) {
        // 7 bits a byte, high bit = more follows.
        var n = n
        while n >= 0x80 { arena.append(UInt8(n & 0x7F) | 0x80); n >>= 7 }
        arena.append(UInt8(n))
    }

    private func entry(at offset: Int) -> (start: Int, length: Int) {
        var length = 0, shift = 0, i = offset
        while true {
            let b = arena[i]
            length |= Int(b & 0x7F) << shift
            i += 1
            if b < 0x80 { return (i, length) }
            shift += 7
        }
    }

    private func matches(_ offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let (start, length) = entry(at: offset)
        guard length == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { a in
            for k in 0..<length where a[start + k] != bytes[k] { return false }
            return true
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt32](repeating: 0, count: old.count * 2)
        let mask = slots.count - 1
        for offset in old where offset != 0 {
            let (start, length) = entry(at: Int(offset))
            var i = arena.withUnsafeBufferPointer {
                Int(truncatingIfNeeded: StableHash.fnv1a64(UnsafeBufferPointer(rebasing: $0[start..<start + length]))) & mask
            }
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = offset
        }
    }
}
