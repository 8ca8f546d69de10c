import Testing
@testable import Reports

@Suite("Request ids seen in a batch")
struct RequestIDSetTests {
    @Test("repeats are found exactly, across growth, for ids of any length")
    func repeats() {
        var set = RequestIDSet()
        var reference = Set<String>()
        var state: UInt64 = 5
        for i in 0..<60_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1
            let length = Int(state >> 58)                    // 0...63 bytes
            let id = i % 7 == 0 ? "R\(Int(state >> 40) % 5000)" : String(repeating: "x", count: length) + "\(i % 1000)é"
            #expect(set.insert(id) == reference.insert(id).inserted)
        }
        #expect(set.count == reference.count)
        let long = String(repeating: "long-id-", count: 40)   // over 127 bytes: a two-byte length
        #expect(set.insert(long) && !set.insert(long))
        #expect(set.insert("") && !set.insert(""))
    }
}
