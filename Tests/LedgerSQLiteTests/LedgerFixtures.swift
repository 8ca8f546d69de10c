import Foundation
import GRDB
import Ledger
@testable import LedgerSQLite
import Pricing

/// Ledger files for the integrity and decoding tests: real ledgers, legacy ones, other
/// programs' files, and damage done to them.
enum LedgerFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let card = try! RateCard.load(path: root.appendingPathComponent("Examples/pricing.toml").path)

    static func folder() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// A priced quote: accepted every third, with add-ons.
    static func quote(_ i: Int) throws -> Quote {
        let accepted = i % 3 == 0
        let r = QuoteRequest(requestID: "R\(i)", client: "Client \(i) with a longer name to fill pages", location: "downtown",
                             tier: "senior", areas: ["face", "neck"], sessions: 1 + i % 6, addons: ["aftercare_kit", "growth_serum"],
                             promo: nil, quoteDate: LocalDate(iso: "2026-11-01"), status: accepted ? .accepted : .quoted,
                             acceptedOn: accepted ? LocalDate(iso: "2026-11-02") : nil)
        return try QuoteEngine.quote(r, card: card, today: LocalDate(iso: "2026-11-01")!)
    }

    /// Saves `quote(i)` for each of `indexes` into `store` in one session, from the
    /// requests file `requests.csv` (line i + 1); returns the outcomes.
    @discardableResult
    static func save(_ indexes: [Int], into store: any LedgerStore, from source: QuoteSource = .requestsFile(name: "requests.csv")) async throws -> [SaveOutcome] {
        let quotes = try indexes.map(quote)
        return try await SaveSession.run(on: store) {
            try await $0.save(quotes, from: source, lines: indexes.map { $0 + 1 }, rateCardHash: "h")
        }
    }

    /// A current ledger at `path` holding `count` quotes (Q-2026-000001...), closed.
    static func ledger(at path: String, quotes count: Int) async throws {
        let store = try await SQLiteStore.open(path: path, create: true)
        try await save(Array(1...count), into: store)
        try await store.close()
    }

    /// A ledger as spaquote wrote it at schema version `version` (1 or 2: no application
    /// id, no user_version) holding `count` quotes from the requests file `/data/requests.csv`.
    static func legacyLedger(at path: String, version: String, quotes count: Int) throws {
        let queue = try DatabaseQueue(path: path)
        try LedgerSchema.migrator(ledger: path).migrate(queue, upTo: version)
        let rows = try (1...count).map { i in
            var q = try quote(i)
            let number = QuoteNumber(year: 2026, seq: i)
            q.quoteID = number.description
            return QuoteRow(quote: q, number: number, source: "/data/requests.csv", line: i + 1, rateCardHash: "h")
        }
        try insert(rows, into: queue)
        try queue.close()
    }

    /// Inserts `rows` as they are (numbered already) with the store's own insert.
    static func insert(_ rows: [QuoteRow], into queue: DatabaseQueue) throws {
        try queue.write { db in
            var buffer = SQLiteRow()
            try QuoteInserter.insert(rows, into: db, buffer: &buffer)
        }
    }

    /// Runs `sql` on the SQLite file at `path` (a file of another program, or damage).
    static func sqlite(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
        try queue.close()
    }

    /// `count` bytes that look like nothing in particular (a fixed-seed generator).
    static func garbage(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> Data {
        var state = seed, out = Data(capacity: count)
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out.append(UInt8(truncatingIfNeeded: state >> 56))
        }
        return out
    }

    /// Writes `bytes` over the file at `path` from `offset` on (negative: from the end).
    static func overwrite(_ path: String, at offset: Int, with bytes: Data) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: offset >= 0 ? UInt64(offset) : size - UInt64(-offset))
        try handle.write(contentsOf: bytes)
    }

    /// The files of `folder` with their bytes: what "left untouched, nothing beside it" compares.
    static func snapshot(_ folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            out[name] = FileManager.default.contents(atPath: folder + "/" + name) ?? Data()
        }
        return out
    }

    /// Whether a (non-empty) journal lies beside `path`, as a crash in the middle of a save leaves it.
    static func hasHotJournal(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path + "-journal")[.size] as? UInt64 ?? 0) ?? 0 > 0
    }

    /// `PRAGMA application_id` and `user_version` of the file at `path`, read from its header bytes.
    static func mark(_ path: String) -> (applicationID: Int32, userVersion: Int32) {
        let b = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        guard b.count >= 100 else { return (0, 0) }
        func i32(_ at: Int) -> Int32 { Int32(bitPattern: b[at..<at + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }) }
        return (i32(68), i32(60))
    }

    /// Every entry of `store`, read `pageSize` at a time: those read before the first
    /// error, and that error.
    static func entries(_ store: any LedgerStore, pageSize: Int = 100) async -> (ids: [String], error: LedgerError?) {
        var ids: [String] = [], after: QuoteNumber?
        do {
            while true {
                let page = try await store.entries(matching: .all, after: after, limit: pageSize)
                guard let last = page.last else { return (ids, nil) }
                ids += page.map(\.quote.quoteID)
                after = QuoteNumber(last.quote.quoteID)
            }
        } catch {
            return (ids, error as? LedgerError)
        }
    }

    /// Every revenue record of `store`, `pageSize` at a time: their ids before the first error, and that error.
    static func revenue(_ store: any LedgerStore, pageSize: Int = 100) async -> (ids: [String], error: LedgerError?) {
        var ids: [String] = [], after: QuoteNumber?
        do {
            while true {
                let page = try await store.revenueRecords(matching: .all, after: after, limit: pageSize)
                guard let last = page.last else { return (ids, nil) }
                ids += page.map(\.quoteID)
                after = QuoteNumber(last.quoteID)
            }
        } catch {
            return (ids, error as? LedgerError)
        }
    }
}

extension Error {
    /// The ledger error's case name, to compare errors whose reasons are long ("" for other errors).
    var kind: String { (self as? LedgerError)?.kind ?? "" }
}

extension LedgerError {
    /// The case's name, to compare errors whose reasons are long.
    var kind: String {
        switch self {
        case .cannotOpen: "cannotOpen"
        case .unreachable: "unreachable"
        case .accessDenied: "accessDenied"
        case .newerSchema: "newerSchema"
        case .notALedger: "notALedger"
        case .damaged: "damaged"
        case .unreadableRow: "unreadableRow"
        case .locked: "locked"
        case .notFound: "notFound"
        case .statusChange: "statusChange"
        case .constraint: "constraint"
        case .notEmpty: "notEmpty"
        case .yearFull: "yearFull"
        case .accountExists: "accountExists"
        case .noAccount: "noAccount"
        case .linkUnavailable: "linkUnavailable"
        case .database: "database"
        }
    }
}

extension QuoteNumber {
    /// `Q-2026-00000n`.
    static func q2026(_ seq: Int) -> QuoteNumber { QuoteNumber(year: 2026, seq: seq) }
}
