import Foundation
import Ledger
@testable import LedgerPostgres
import PostgresNIO
import Pricing
import Testing

/// Saving into and reading from a PostgreSQL ledger on the throwaway server.
@Suite("PostgreSQL ledger saves and reads", .enabled(if: PostgresTestServer.enabled), .serialized, .timeLimit(.minutes(2)))
struct PostgresSaveTests {
    static let hostile = [
        "tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", "\\.", "\\", "ends with a backslash\\",
        "\\t\\n literal escapes", "quote's \"double\" `back`", "ünïcödé 中文 🙂 e\u{301}", "\t\n\r\\\t", "",
        "\u{1B}[31mred\u{1B}[0m", "\u{2028}\u{2029}\u{FEFF}", "semi;colon", "comma, and 'NULL'",
    ]

    @Test("hostile text (tabs, newlines, backslashes, \\N, quotes, unicode) is saved through COPY and read back as it was",
          arguments: hostile.indices)
    func hostileText(_ i: Int) async throws {
        let text = Self.hostile[i]
        try await PostgresTestServer.withLedger { store, _ in
            var quote = try Quotes.quote(3, client: text)
            quote.request.requestID = "id " + text
            let outcomes = try await SaveSession.run(on: store) { session in
                try await session.save([quote, try Quotes.quote(4)], from: .requestsFile(name: "name\t" + text), lines: [2, 3],
                                       rateCardHash: "hash\n" + text)
            }
            guard case let .saved(saved) = outcomes[0] else { Issue.record("not saved"); return }
            let entry = try await store.entry(QuoteNumber(year: 2026, seq: 1))
            #expect(entry.quote == saved)
            #expect(entry.quote.request.client == text && entry.quote.request.requestID == "id " + text)
            #expect(entry.source == "name\t" + text && entry.line == 2 && entry.rateCardHash == "hash\n" + text)
            let listed = try await store.entries(matching: .all, after: nil, limit: 10)
            #expect(listed.map(\.quote.quoteID) == ["Q-2026-000001", "Q-2026-000002"])
            #expect(listed[0].quote == saved)
            // The repeat is found by its request id, hostile as it is.
            let again = try await SaveSession.run(on: store) { session in
                try await session.save([quote], from: .requestsFile(name: "other.csv"), lines: [9], rateCardHash: "h")
            }
            #expect(again[0].refusal?.contains("already saved as Q-2026-000001") == true)
        }
    }

    @Test("text holding U+0000, which PostgreSQL cannot store, is refused naming the quote and column, and nothing is kept")
    func nulCharacter() async throws {
        try await PostgresTestServer.withLedger { store, url in
            // A client or request id holding U+0000 is refused before the store (SaveSession,
            // for every store); a column the store is the first to see still meets its check.
            var quote = try Quotes.quote(1)
            quote.locationName = "nul\u{0}inside"
            let error = await #expect(throws: LedgerError.self) {
                try await SaveSession.run(on: store) { session in
                    _ = try await session.save([try Quotes.quote(2), quote], from: .commandLine, lines: [nil, nil], rateCardHash: "h")
                }
            }
            #expect(error == .constraint(ledger: url.name, reason: "quote Q-2026-000002: its location_name holds the character U+0000, which PostgreSQL cannot store"))
            #expect(try await store.summary().quotes == 0)
            // A session that goes on after the refusal is refused again, and keeps nothing.
            let session = try await SaveSession(store)
            await #expect(throws: LedgerError.self) {
                _ = try await session.save([quote], from: .commandLine, lines: [nil], rateCardHash: "h")
            }
            await #expect(throws: LedgerError.self) {
                _ = try await session.save([try Quotes.quote(5)], from: .commandLine, lines: [nil], rateCardHash: "h")
            }
            await #expect(throws: LedgerError.self) { try await session.commit() }
            #expect(try await store.summary().quotes == 0)
        }
    }

    @Test("savers in several tasks at once, each its own session, get consecutive ids per year, every quote once")
    func concurrentSavers() async throws {
        try await PostgresTestServer.withLedger { store, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for t in 0..<4 {
                    group.addTask {
                        for round in 0..<3 {
                            let first = t * 1000 + round * 100 + 1
                            try await Quotes.save(first...(first + 39), into: store, file: "front-desk-\(t).csv",
                                                  date: round == 1 ? "2027-01-05" : "2026-11-01")
                        }
                    }
                }
                try await group.waitForAll()
            }
            var all: [LedgerEntry] = [], after: QuoteNumber?
            while true {
                let page = try await store.entries(matching: .all, after: after, limit: 100)
                guard let last = page.last else { break }
                all += page
                after = QuoteNumber(last.quote.quoteID)
            }
            let numbers = all.map { QuoteNumber($0.quote.quoteID)! }
            #expect(numbers.filter { $0.year == 2026 }.map(\.seq) == Array(1...320))
            #expect(numbers.filter { $0.year == 2027 }.map(\.seq) == Array(1...160))
            #expect(Set(all.map(\.quote.request.requestID)).count == 480)
        }
    }

    @Test("a save is all or nothing: rolled back, none of its quotes is kept and the numbers are reused")
    func rollback() async throws {
        try await PostgresTestServer.withLedger { store, _ in
            try await Quotes.save(1...5, into: store)
            struct Stop: Error {}
            await #expect(throws: Stop.self) {
                try await SaveSession.run(on: store) { session in
                    _ = try await session.save(try (6...700).map { try Quotes.quote($0) }, from: .commandLine,
                                               lines: Array(repeating: nil, count: 695), rateCardHash: "h")
                    throw Stop()
                }
            }
            #expect(try await store.summary().quotes == 5)
            let outcomes = try await Quotes.save(6...6, into: store)
            guard case let .saved(q) = outcomes[0] else { Issue.record("not saved"); return }
            #expect(q.quoteID == "Q-2026-000006")
        }
    }

    @Test("filters, revenue records, status changes and the summary read what was saved", arguments: [0, 1])
    func readsAndStatus(_ variant: Int) async throws {
        try await PostgresTestServer.withLedger { store, url in
            try await Quotes.save(1...9, into: store)
            try await Quotes.save(10...12, into: store, date: "2027-02-03")
            let downtown = try await store.entries(matching: .locations(["downtown"]), after: nil, limit: 100)
            #expect(downtown.map(\.quote.request.requestID) == ["R2", "R4", "R6", "R8", "R10", "R12"])
            let accepted = try await store.entries(matching: .and([.status(.accepted), .quotedIn(YearMonth(year: 2026, month: 11)!)]),
                                                   after: variant == 0 ? nil : QuoteNumber(year: 2026, seq: 3), limit: 100)
            #expect(accepted.map(\.quote.request.requestID) == (variant == 0 ? ["R3", "R6", "R9"] : ["R6", "R9"]))
            #expect(try await store.entries(matching: .locations([]), after: nil, limit: 10).isEmpty)
            #expect(try await store.entries(matching: .or([]), after: nil, limit: 10).isEmpty)
            let revenue = try await store.revenueRecords(matching: .revenue(from: YearMonth(year: 2027, month: 2)!, to: YearMonth(year: 2027, month: 2)!),
                                                         after: nil, limit: 100)
            #expect(revenue.map(\.quoteID) == ["Q-2027-000001", "Q-2027-000002", "Q-2027-000003"])
            let number = QuoteNumber(year: 2026, seq: 1)
            let changed = try await store.changeStatus(of: number, .accept(on: LocalDate(iso: "2026-11-05")!, overriding: false))
            #expect(changed.quote.request.status == .accepted && changed.quote.request.acceptedOn == LocalDate(iso: "2026-11-05"))
            let refused = await #expect(throws: LedgerError.self) { _ = try await store.changeStatus(of: number, .decline) }
            #expect(refused == .statusChange(quoteID: "Q-2026-000001", refusal: .acceptedCannotDecline))
            let missing = await #expect(throws: LedgerError.self) { _ = try await store.entry(QuoteNumber(year: 2026, seq: 99)) }
            #expect(missing == .notFound(ledger: url.name, quoteID: "Q-2026-000099"))
            let summary = try await store.summary()
            let all = try await store.entries(matching: .all, after: nil, limit: 100)
            #expect(summary.quotes == 12 && summary.accepted == 5 && summary.declined == 0)
            #expect(summary.total == all.reduce(0) { $0 + $1.quote.total.cents })
            #expect(summary.lastRowID == QuoteNumber(year: 2027, seq: 3).rowID)
        }
    }

    @Test("a row changed outside spaquote is refused when read, naming the quote, column and value")
    func damagedRow() async throws {
        try await PostgresTestServer.withLedger { store, url in
            try await Quotes.save(1...2, into: store)
            try await PostgresTestServer.admin(["UPDATE quote SET quote_date = '2026-02-30\tx' WHERE id = \(QuoteNumber(year: 2026, seq: 2).rowID)"],
                                               database: url.database)
            let error = await #expect(throws: LedgerError.self) { _ = try await store.entries(matching: .all, after: nil, limit: 10) }
            #expect(error == .unreadableRow(ledger: url.name, quote: "quote Q-2026-000002", column: "quote_date", value: "'2026-02-30\\tx'",
                                            problem: "not a date (YYYY-MM-DD, from 0001-01-01 to 9999-12-31)"))
        }
    }

    /// Damaged revenue rows: (quote seq, SET clause, column, value shown, start of the problem).
    static let damagedRevenue: [(Int, String, String, String, String)] = [
        // Within November as text (the report's filter selects it), but not a date.
        (2, "quote_date = '2026-11-1x'", "quote_date", "'2026-11-1x'", "not a date"),
        (2, "session_dates = '2026-11-01'", "session_dates", "'2026-11-01'", "1 dates for 3 sessions"),
        (2, "session_dates = '2026-11-01  2026-12-01'", "session_dates", "'2026-11-01  2026-12-01'", "not a list of dates"),
        (3, "accepted_on = NULL", "accepted_on", "NULL", "missing for an accepted quote"),
        (2, "total = 0", "total", "0", "which is not treatment_net + addons_per_session + addons_per_package + tax"),
        (2, "tax = -1", "tax", "-1", "not an amount"),
        (2, "quote_id = 'Q-2026-2'", "quote_id", "'Q-2026-2'", "not a quote id"),
        (2, "location = 'down\ttown\u{1B}'", "", "", ""),
    ]

    @Test("a revenue row changed outside spaquote is refused when the report reads it, naming the quote, column and value",
          arguments: damagedRevenue.indices)
    func damagedRevenueRow(_ i: Int) async throws {
        let (seq, set, column, value, problem) = Self.damagedRevenue[i]
        try await PostgresTestServer.withLedger { store, url in
            try await Quotes.save(1...4, into: store)
            let id = QuoteNumber(year: 2026, seq: seq).rowID
            try await PostgresTestServer.admin(["UPDATE quote SET \(set) WHERE id = \(id)"], database: url.database)
            let month = YearMonth(year: 2026, month: 11)!
            guard !column.isEmpty else {
                // Text the reader takes as it is: read back unchanged.
                let records = try await store.revenueRecords(matching: .revenue(from: month, to: month), after: nil, limit: 10)
                #expect(records.map(\.location) == ["uptown", "down\ttown\u{1B}", "uptown", "downtown"])
                return
            }
            let error = await #expect(throws: LedgerError.self) {
                _ = try await store.revenueRecords(matching: .revenue(from: month, to: month), after: nil, limit: 10)
            }
            guard case let .unreadableRow(ledger, quote, got, shown, why)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(ledger == url.name && got == column && shown == value && why.hasPrefix(problem), "\(why)")
            #expect(quote == (column == "quote_id" ? "the row with id \(id)" : "quote Q-2026-00000\(seq)"))
        }
    }

    @Test("a store handed its client (the caller runs it) works as one connected from a URL")
    func handedClient() async throws {
        try await PostgresTestServer.withDatabase { url in
            let client = PostgresClient(configuration: url.clientConfiguration(password: url.password, tls: .disable))
            let running = Task { await client.run() }
            let store = try await PostgresStore(client: client, name: url.name, database: url.database, user: url.user, create: true)
            try await Quotes.save(1...3, into: store)
            #expect(try await store.summary().quotes == 3)
            try await store.close()
            running.cancel()
            await running.value
        }
    }

    /// A timing, run on demand (SPAQUOTE_PG_TIMING=N rows): SaveSession in chunks of 512 as a batch saves.
    @Test("a large save through COPY keeps every row", .enabled(if: ProcessInfo.processInfo.environment["SPAQUOTE_PG_TIMING"] != nil))
    func timing() async throws {
        let count = Int(ProcessInfo.processInfo.environment["SPAQUOTE_PG_TIMING"] ?? "") ?? 100_000
        let template = try (1...512).map { try Quotes.quote($0) }
        try await PostgresTestServer.withLedger { store, _ in
            let clock = ContinuousClock(), start = clock.now
            try await SaveSession.run(on: store) { session in
                var saved = 0
                while saved < count {
                    var chunk = template.prefix(min(512, count - saved)).map { $0 }
                    for k in chunk.indices { chunk[k].request.requestID = "R\(saved + k)" }
                    _ = try await session.save(chunk, from: .requestsFile(name: "big.csv"), lines: chunk.indices.map { saved + $0 + 2 },
                                               rateCardHash: "h")
                    saved += chunk.count
                }
            }
            let elapsed = clock.now - start
            print("saved \(count) quotes into PostgreSQL in \(elapsed)")
            #expect(try await store.summary().quotes == count)
            let read = clock.now
            var records = 0, after: QuoteNumber?
            while true {
                let page = try await store.revenueRecords(matching: .all, after: after, limit: 5_000)
                guard let last = page.last else { break }
                records += page.count
                after = QuoteNumber(last.quoteID)
            }
            print("read \(records) revenue records from PostgreSQL in \(clock.now - read)")
            #expect(records == count)
        }
    }
}
