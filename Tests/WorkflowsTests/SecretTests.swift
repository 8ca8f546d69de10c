import Foundation
import Testing
@testable import Workflows

@Suite("Secrets: the hash the ledger keeps and the tokens it hands out")
struct SecretTests {
    @Test("the hash is SHA-256 as 64 lowercase hex digits (FIPS 180-2 test vectors)",
          arguments: [("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                      ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                      ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")])
    func hash(_ input: String, _ expected: String) {
        #expect(Secret.hash(input) == expected)
    }

    @Test("URL-safe base64 without padding, as RFC 4648 section 10 with - and _ for + and /",
          arguments: [([UInt8](), ""), (Array("f".utf8), "Zg"), (Array("fo".utf8), "Zm8"), (Array("foo".utf8), "Zm9v"),
                      (Array("foobar".utf8), "Zm9vYmFy"), ([0xFB, 0xFF, 0xBF], "-_-_")])
    func base64(_ bytes: [UInt8], _ expected: String) {
        #expect(Secret.base64URL(bytes) == expected)
    }

    @Test("a token of n bytes has ceil(4n/3) URL-safe characters, at least 128 bits, and two are never alike")
    func token() {
        #expect(Secret.token(bytes: 32).utf8.count == 43)
        #expect(Secret.token(bytes: 4).utf8.count == 22)   // raised to 16 bytes
        let tokens = Set((0..<1_000).map { _ in Secret.token() })
        #expect(tokens.count == 1_000)
        #expect(tokens.allSatisfy { $0.utf8.allSatisfy { b in b == 0x2D || b == 0x5F || (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) } })
    }
}
