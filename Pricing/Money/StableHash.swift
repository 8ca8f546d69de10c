/// 64-bit FNV-1a: a fixed hash for ids and fingerprints that, unlike `Hasher`, gives
/// the same value in every process and on every machine. Feed it piece by piece with the
/// `add` methods, or hash a whole sequence with ``fnv1a64(_:)``.
public struct StableHash {
    /// The hash of what was added so far.
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    @inline(__always) public mutating func add(byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x0000_0100_0000_01b3
    }

    public mutating func add(_ s: String) {
        var s = s
        s.withUTF8 { for b in $0 { add(byte: b) } }
    }

    /// Adds the text with ASCII letters in upper case (as `uppercased()` would for ASCII).
    public mutating func addUppercased(_ s: String) {
        var s = s
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            s.withUTF8 { for b in $0 { add(byte: b >= 0x61 && b <= 0x7A ? b - 0x20 : b) } }
        } else {
            add(s.uppercased())
        }
    }

    /// Adds the decimal digits of a non-negative number (as its text would).
    public mutating func add(number: Int) {
        if number >= 10 { add(number: number / 10) }
        add(byte: 0x30 + UInt8(number % 10))
    }

    /// Adds `YYYY-MM-DD` (as the date's text would).
    public mutating func add(date: LocalDate) {
        date.withISOBytes { for b in $0 { add(byte: b) } }
    }

    public static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = StableHash()
        for byte in bytes { hash.add(byte: byte) }
        return hash.value
    }

    /// The hash as 16 lower-case hex digits.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let s = String(fnv1a64(bytes), radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
