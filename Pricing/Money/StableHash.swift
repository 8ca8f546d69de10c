/// 64-bit FNV-1a: a fixed hash for ids and fingerprints that, unlike `Hasher`, gives
/// the same value in every process and on every machine.
public enum StableHash {
    public static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The hash as 16 lower-case hex digits.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let s = String(fnv1a64(bytes), radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
