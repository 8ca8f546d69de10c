import Foundation
import Ledger
import Testing
import Workflows

@Suite("Where a ledger lives: a file or a PostgreSQL URL")
struct LedgerAddressTests {
    @Test("a value with a PostgreSQL scheme, in any case, is a URL; anything else a path", arguments: [
        ("postgresql://clerk@db/chain", LedgerAddress.postgres(url: "postgresql://clerk@db/chain")),
        ("postgres://clerk@db:5432/chain", .postgres(url: "postgres://clerk@db:5432/chain")),
        ("PostgreSQL://clerk@db/Chain", .postgres(url: "postgresql://clerk@db/Chain")),
        ("spaquote.sqlite", .file(path: "spaquote.sqlite")),
        ("/var/ledgers/postgresql://x", .file(path: "/var/ledgers/postgresql://x")),
        ("postgresql:/not-a-url", .file(path: "postgresql:/not-a-url")),
        ("./postgres://x", .file(path: "./postgres://x")),
    ])
    func parsing(text: String, address: LedgerAddress) {
        #expect(LedgerAddress(text) == address)
    }

    @Test("a URL is shown without its password, wherever it is", arguments: [
        ("postgresql://clerk:s3cret@db.example:5432/chain", "postgresql://clerk@db.example:5432/chain"),
        // The query is never shown (it may carry the password, under any spelling).
        ("postgresql://clerk:s3cret@db.example/chain?sslmode=require", "postgresql://clerk@db.example/chain?..."),
        ("postgresql://clerk:p@ss:w@rd@db/chain", "postgresql://clerk@db/chain"),
        ("postgresql://clerk@db/chain?password=s3cret", "postgresql://clerk@db/chain?..."),
        ("postgresql://clerk@db/chain?sslmode=disable&PASSWORD=s3cret", "postgresql://clerk@db/chain?..."),
        ("postgresql://db/chain?user=clerk&password=s3cret", "postgresql://db/chain?..."),
        ("postgresql://clerk:pa/s3cret@db/chain", "postgresql://clerk@db/chain"),
        ("postgresql://clerk:pa?s3cret@db/chain", "postgresql://clerk@db/chain"),
        ("postgres://:s3cret@db/chain", "postgres://@db/chain"),
        ("postgresql://db/chain", "postgresql://db/chain"),
    ])
    func shown(url: String, expected: String) {
        let shown = LedgerAddress(url).shown
        #expect(shown == expected)
        #expect(!shown.contains("s3cret") && !shown.contains("p@ss"))
    }

    @Test("a file ledger is shown as its path, as given")
    func fileShown() {
        #expect(LedgerAddress("ledgers/a b.sqlite").shown == "ledgers/a b.sqlite")
    }

    @Test("a PostgreSQL ledger that cannot be reached fails naming host and database, never the password",
          arguments: ["postgresql://clerk:s3cret@127.0.0.1:1/chain", "postgres://clerk:s3cret@127.0.0.1:1/chain?sslmode=disable"])
    func unreachable(url: String) async {
        do {
            _ = try await LedgerAddress(url).open(create: false, access: .read)
            Issue.record("nothing listens on port 1")
        } catch {
            let message = String(describing: error)
            #expect(error is LedgerError)
            #expect(message.contains("127.0.0.1") && message.contains("chain") && !message.contains("s3cret"), "\(message)")
        }
    }
}

@Suite("Blocking: async library code from a plain thread")
struct BlockingTests {
    /// Runs `body` on a new thread (never on the cooperative pool, as ``Blocking`` requires).
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    struct Failure: Error, Equatable { var n: Int }

    @Test("returns the value, or throws the error, of the async work", arguments: [0, 1, 7])
    func result(n: Int) async {
        let value = await Self.onThread {
            Result { try Blocking.run { () async throws -> Int in
                try await Task.sleep(for: .milliseconds(n))
                if n == 7 { throw Failure(n: n) }
                return n * 2
            } }
        }
        switch value {
        case let .success(v): #expect(n != 7 && v == n * 2)
        case let .failure(e): #expect(n == 7 && e as? Failure == Failure(n: 7))
        }
    }

    @Test("many threads wait at once without holding up the work they wait for")
    func manyThreads() async {
        let sums = await withTaskGroup(of: Int.self) { group in
            for i in 0..<16 {
                group.addTask { await Self.onThread { Blocking.run { () async -> Int in await Task.yield(); return i } } }
            }
            return await group.reduce(0, +)
        }
        #expect(sums == (0..<16).reduce(0, +))
    }
}
