import Crypto

/// Secrets of the front desk: random tokens (API tokens, session ids, CSRF tokens, share
/// links) and the SHA-256 under which the ledger keeps them.
public enum Secret {
    /// A new random token of `bytes` bytes (at least 16: 128 bits) from the system's
    /// cryptographic generator, as URL-safe base64 without padding.
    public static func token(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<max(bytes, 16)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return base64URL(raw)
    }

    /// The SHA-256 of `token`'s UTF-8 bytes, as 64 lowercase hex digits: how the ledger
    /// stores a token or session id, so that a copy of the ledger opens nothing.
    public static func hash(_ token: String) -> String {
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(token.utf8)) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 15)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Whether `a` and `b` are equal, in a time that depends only on their lengths.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = base64Alphabet
        var out: [UInt8] = [], i = 0
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        while i + 3 <= bytes.count {
            let n = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2])
            out.append(contentsOf: [alphabet[n >> 18 & 63], alphabet[n >> 12 & 63], alphabet[n >> 6 & 63], alphabet[n & 63]])
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let n = Int(bytes[i]) << 16 | (rest == 2 ? Int(bytes[i + 1]) << 8 : 0)
            out.append(alphabet[n >> 18 & 63]); out.append(alphabet[n >> 12 & 63])
            if rest == 2 { out.append(alphabet[n >> 6 & 63]) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
