import Foundation
import Ledger
import Pricing
import Testing

/// The behaviours every ledger store keeps, whatever its database.
@Suite("Ledger stores behave alike")
struct LedgerConformanceTests {
    typealias F = ConformanceFixtures

    @Test("a saved quote reads back equal to the quote saved, with its source, line and rate card fingerprint",
          arguments: StoreKind.allCases)
    func roundTrip(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let quotes = try F.variety()
        let fromFile = F.saved(try await F.save(quotes, into: store))
        let fromCLI = F.saved(try await F.save([try F.quote("C1", promo: "NEWCLIENT50")], into: store, from: .commandLine))
        #expect(fromFile.count == quotes.count && fromCLI.count == 1)
        for (i, (saved, original)) in zip(fromFile, quotes).enumerated() {
            var expected = original
            expected.quoteID = saved.quoteID
            #expect(saved == expected)
            let entry = try await store.entry(try #require(QuoteNumber(saved.quoteID)))
            #expect(entry.fields == EntryFields(quote: expected, source: "requests.csv", line: i + 2, rateCardHash: F.card.contentHash))
        }
        let cli = try await store.entry(try #require(QuoteNumber(fromCLI[0].quoteID)))
        #expect(cli.fields == EntryFields(quote: fromCLI[0], source: "cli", line: nil, rateCardHash: F.card.contentHash))
        let all = try await F.entries(store)
        #expect(all.map(\.quote) == (fromFile + fromCLI).sorted { QuoteNumber($0.quoteID)!.rowID < QuoteNumber($1.quoteID)!.rowID })
        await #expect(throws: LedgerError.notFound(ledger: store.name, quoteID: "Q-2026-999999")) {
            _ = try await store.entry(QuoteNumber(year: 2026, seq: 999_999))
        }
        try await store.close()
    }

    @Test("quote ids count up by the quote date's year, consecutive across saves, and a rolled-back save leaves no gap",
          arguments: StoreKind.allCases)
    func idsPerYear(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let dates = ["2026-12-01", "2027-01-05", "2026-12-02", "2027-02-01", "2027-01-06", "2026-12-31"]
        let first = F.saved(try await F.save(try dates.enumerated().map { try F.quote("A\($0.offset)", date: $0.element) }, into: store))
        #expect(first.map(\.quoteID) == ["Q-2026-000001", "Q-2027-000001", "Q-2026-000002", "Q-2027-000002", "Q-2027-000003", "Q-2026-000003"])
        // A save rolled back takes no number.
        let session = try await SaveSession(store)
        _ = try await session.save([try F.quote("X1", date: "2027-01-07")], from: .commandLine, lines: [nil], rateCardHash: "h")
        await session.rollback()
        let second = F.saved(try await F.save([try F.quote("B1", date: "2027-03-01"), try F.quote("B2", date: "2026-11-30")],
                                              into: store, from: .commandLine))
        #expect(second.map(\.quoteID) == ["Q-2027-000004", "Q-2026-000004"])
        try await store.close()
    }

    @Test("a requests file's row whose request_id any requests file saved before is refused, from any file name; quotes saved one at a time never are",
          arguments: StoreKind.allCases, ["requests.csv", "requests (copy).csv", "other machine.csv"])
    func repeats(kind: StoreKind, secondFile: String) async throws {
        let store = try await kind.makeStore()
        let first = F.saved(try await F.save([try F.quote("R1"), try F.quote("R2")], into: store, from: .requestsFile(name: "requests.csv")))
        let outcomes = try await F.save([try F.quote("R3"), try F.quote("R1"), try F.quote("R2")], into: store,
                                        from: .requestsFile(name: secondFile))
        #expect(outcomes.map(\.refusal) == [
            nil,
            "request_id 'R1': already saved as \(first[0].quoteID); not saved again (give the row a new request_id to save it as a new quote)",
            "request_id 'R2': already saved as \(first[1].quoteID); not saved again (give the row a new request_id to save it as a new quote)",
        ])
        // One at a time: no request identity, never refused, and it makes no later row a repeat.
        for _ in 0..<2 { #expect(F.saved(try await F.save([try F.quote("R1"), try F.quote("W9")], into: store, from: .commandLine)).count == 2) }
        #expect(F.saved(try await F.save([try F.quote("W9")], into: store, from: .requestsFile(name: secondFile))).count == 1)
        #expect(try await store.summary().quotes == 3 + 4 + 1)
        try await store.close()
    }

    @Test("a save is all or nothing: rolled back, or failing inside SaveSession.run, it keeps nothing", arguments: StoreKind.allCases)
    func allOrNothing(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        try await F.save([try F.quote("K1")], into: store)
        let before = try await store.summary()

        let session = try await SaveSession(store)
        _ = try await session.save(try F.spread(20), from: .requestsFile(name: "a.csv"), lines: Array(repeating: 2, count: 20), rateCardHash: "h")
        await session.rollback()
        #expect(try await store.summary() == before)

        struct Stop: Error {}
        await #expect(throws: Stop.self) {
            try await SaveSession.run(on: store) { session in
                _ = try await session.save(try F.spread(10), from: .requestsFile(name: "a.csv"), lines: Array(repeating: 2, count: 10), rateCardHash: "h")
                _ = try await session.save([try F.quote("K2")], from: .commandLine, lines: [nil], rateCardHash: "h")
                throw Stop()
            }
        }
        #expect(try await store.summary() == before)
        #expect(try await F.entries(store).map(\.quote.request.requestID) == ["K1"])
        // Nothing of the discarded saves counts as a repeat.
        #expect(F.saved(try await F.save(try F.spread(10), into: store, from: .requestsFile(name: "a.csv"))).count == 10)
        try await store.close()
    }

    @Test("a row whose id the ledger holds is refused as a constraint, and nothing of that save is kept", arguments: StoreKind.allCases)
    func repeatedID(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let saved = F.saved(try await F.save([try F.quote("D1")], into: store))
        let before = try await store.summary()
        let transaction = try await store.beginSave()
        var other = try F.quote("D2")
        other.quoteID = "Q-2026-000002"
        try await transaction.insert([QuoteRow(quote: other, number: QuoteNumber(year: 2026, seq: 2), source: "cli", line: nil, rateCardHash: "h")])
        do {
            // A store may buffer rows until the commit (SaveTransaction.insert): the refusal
            // comes from the insert or from the commit.
            try await transaction.insert([QuoteRow(quote: saved[0], number: QuoteNumber(year: 2026, seq: 1), source: "cli", line: nil, rateCardHash: "h")])
            try await transaction.commit()
            Issue.record("the same id was saved twice")
        } catch let error as LedgerError {
            guard case let .constraint(ledger, reason) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(ledger == store.name && !reason.isEmpty && error.description.contains("nothing of it was kept"))
        }
        await transaction.rollback()
        #expect(try await store.summary() == before)
        try await store.close()
    }

    @Test("a year that has numbered its most quotes refuses more, naming the year; other years go on", arguments: StoreKind.allCases)
    func yearFull(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        var last = try F.quote("Y1", date: "2026-12-01")
        let number = QuoteNumber(year: 2026, seq: QuoteNumber.perYear - 1)
        last.quoteID = number.description
        let transaction = try await store.beginSave()
        try await transaction.insert([QuoteRow(quote: last, number: number, source: "cli", line: nil, rateCardHash: "h")])
        try await transaction.commit()
        await #expect(throws: LedgerError.yearFull(ledger: store.name, year: 2026)) {
            try await F.save([try F.quote("Y2", date: "2026-12-02")], into: store, from: .commandLine)
        }
        #expect(F.saved(try await F.save([try F.quote("Y3", date: "2027-01-02")], into: store, from: .commandLine)).map(\.quoteID) == ["Q-2027-000001"])
        #expect(try await store.summary().quotes == 2)
        try await store.close()
    }

    @Test("accept and decline through the store follow the rules and leave a refused quote as it was", arguments: StoreKind.allCases)
    func statusRules(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        // Dated 2026-11-02: valid until 2026-12-02.
        let saved = F.saved(try await F.save([try F.quote("Q1"), try F.quote("Q2"), try F.quote("Q3")], into: store))
        let n = saved.map { QuoteNumber($0.quoteID)! }
        let day = F.day

        let accepted = try await store.changeStatus(of: n[0], .accept(on: day("2026-12-02"), overriding: false))
        #expect(accepted.quote.request.status == .accepted && accepted.quote.request.acceptedOn == day("2026-12-02"))
        #expect(try await store.entry(n[0]).fields == accepted.fields)

        let refusals: [(QuoteNumber, StatusChange, StatusRefusal)] = [
            (n[0], .accept(on: day("2026-12-01"), overriding: true), .alreadyAccepted),
            (n[0], .decline, .acceptedCannotDecline),
            (n[1], .accept(on: day("2026-12-03"), overriding: false), .expired(day: day("2026-12-03"), validUntil: day("2026-12-02"))),
            (n[1], .accept(on: day("2026-11-01"), overriding: true), .beforeQuoteDate(day: day("2026-11-01"), quoteDate: day("2026-11-02"))),
        ]
        for (number, change, refusal) in refusals {
            let before = try await store.entry(number).fields
            await #expect(throws: LedgerError.statusChange(quoteID: number.description, refusal: refusal)) {
                _ = try await store.changeStatus(of: number, change)
            }
            #expect(try await store.entry(number).fields == before)
        }
        let declined = try await store.changeStatus(of: n[2], .decline)
        #expect(declined.quote.request.status == .declined && declined.quote.request.acceptedOn == nil)
        await #expect(throws: LedgerError.statusChange(quoteID: n[2].description, refusal: .alreadyDeclined)) {
            _ = try await store.changeStatus(of: n[2], .decline)
        }
        await #expect(throws: LedgerError.statusChange(quoteID: n[2].description, refusal: .wasDeclined)) {
            _ = try await store.changeStatus(of: n[2], .accept(on: day("2026-11-05"), overriding: false))
        }
        let overridden = try await store.changeStatus(of: n[2], .accept(on: day("2026-12-20"), overriding: true))
        #expect(try await store.entry(n[2]).quote.request.acceptedOn == day("2026-12-20") && overridden.quote.request.status == .accepted)
        let late = try await store.changeStatus(of: n[1], .accept(on: day("2027-01-15"), overriding: true))
        #expect(late.quote.request.acceptedOn == day("2027-01-15"))
        await #expect(throws: LedgerError.notFound(ledger: store.name, quoteID: "Q-2026-000099")) {
            _ = try await store.changeStatus(of: QuoteNumber(year: 2026, seq: 99), .decline)
        }
        #expect(try await store.summary().accepted == 3)
        try await store.close()
    }

    static let filters: [QuoteFilter] = [
        .all,
        .quotedIn(YearMonth(iso: "2026-11")!),
        .quotedIn(YearMonth(iso: "2027-02")!),
        .status(.accepted), .status(.declined), .status(.quoted),
        .locations(["uptown", "riverside"]), .locations(["downtown"]), .locations([]), .locations(["nowhere"]),
        .acceptedOn(F.day("2026-12-01")...F.day("2027-01-31")),
        .lastSessionFrom(F.day("2027-03-01")),
        .revenue(from: YearMonth(iso: "2026-12")!, to: YearMonth(iso: "2027-01")!),
        .revenue(from: YearMonth(iso: "2027-03")!, to: YearMonth(iso: "2027-03")!),
        .and([.quotedIn(YearMonth(iso: "2026-11")!), .status(.quoted), .locations(["uptown", "downtown"])]),
        .or([.status(.declined), .locations(["riverside"])]),
        .and([]), .or([]),
        .clientContains("s1"), .clientContains("CLIENT S2"), .clientContains(""), .clientContains("%"),
        .and([.clientContains("client s"), .status(.accepted), .locations(["uptown"])]),
        .or([.clientContains("S5"), .status(.declined)]),
    ]

    @Test("each filter selects the quotes QuoteFilter.matches says, entries and revenue records alike",
          arguments: StoreKind.allCases)
    func filters(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let saved = F.saved(try await F.save(try F.spread(60), into: store))
        for filter in Self.filters {
            let expected = saved.filter { filter.matches($0) }.map(\.quoteID)
                .sorted { QuoteNumber($0)!.rowID < QuoteNumber($1)!.rowID }
            #expect(try await F.entries(store, matching: filter, pageSize: 7).map(\.quote.quoteID) == expected, "\(filter)")
            #expect(try await F.records(store, matching: filter, pageSize: 7).map(\.quoteID) == expected, "\(filter)")
        }
        #expect(Set(saved.map(\.request.status)) == [.quoted, .accepted, .declined])
        try await store.close()
    }

    @Test("revenue records are RevenueRecord(quote:) of the saved quotes, in id order", arguments: StoreKind.allCases)
    func revenueRecords(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let saved = F.saved(try await F.save(try F.variety() + F.spread(30), into: store))
        let expected = saved.sorted { QuoteNumber($0.quoteID)!.rowID < QuoteNumber($1.quoteID)!.rowID }.map(RevenueRecord.init(quote:))
        #expect(try await F.records(store) == expected)
        let withAddons = try #require(try await F.records(store).first { $0.quoteID == saved[0].quoteID })
        #expect(withAddons.addonsPerSession > .zero && withAddons.addonsPerPackage > .zero)
        try await store.close()
    }

    @Test("pages follow each other in id order without a gap or a repeat, at any size",
          arguments: StoreKind.allCases, [1, 4, 23, 500])
    func paging(kind: StoreKind, pageSize: Int) async throws {
        let store = try await kind.makeStore()
        let saved = F.saved(try await F.save(try F.spread(23), into: store))
        let ids = saved.map { QuoteNumber($0.quoteID)! }.sorted { $0.rowID < $1.rowID }
        var read: [QuoteNumber] = [], after: QuoteNumber?
        while true {
            let page = try await store.entries(matching: .all, after: after, limit: pageSize)
            #expect(page.count <= pageSize)
            guard let last = page.last else { break }
            read += page.map { QuoteNumber($0.quote.quoteID)! }
            after = QuoteNumber(last.quote.quoteID)
        }
        #expect(read == ids)
        #expect(try await store.entries(matching: .all, after: ids.last, limit: pageSize).isEmpty)
        #expect(try await store.revenueRecords(matching: .all, after: ids[10], limit: pageSize).first?.quoteID == ids[11].description)
        #expect(try await store.entries(matching: .all, after: nil, limit: 0).isEmpty)
        try await store.close()
    }

    @Test("the summary counts quotes by status and sums totals and taxes", arguments: StoreKind.allCases)
    func summary(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        #expect(try await store.summary() == LedgerSummary())
        let saved = F.saved(try await F.save(try F.spread(40) + F.variety(), into: store))
        var expected = LedgerSummary()
        for q in saved {
            switch q.request.status {
            case .quoted: expected.quoted += 1
            case .accepted: expected.accepted += 1
            case .declined: expected.declined += 1
            }
            expected.total += q.total.cents
            expected.tax += q.tax.cents
            expected.lastRowID = max(expected.lastRowID, QuoteNumber(q.quoteID)!.rowID)
        }
        #expect(try await store.summary() == expected)
        #expect(expected.quoted > 0 && expected.accepted > 0 && expected.declined > 0)
        try await store.close()
    }

    @Test("ledger copy moves every quote with its id, status, figures, source and line, and refuses a ledger that holds quotes",
          arguments: StoreKind.allCases, StoreKind.allCases)
    func copy(from sourceKind: StoreKind, to targetKind: StoreKind) async throws {
        let source = try await sourceKind.makeStore(), target = try await targetKind.makeStore()
        let saved = F.saved(try await F.save(try F.spread(30), into: source))
        try await F.save(try F.variety(), into: source, from: .commandLine)
        let quoted = try #require(saved.first { $0.request.status == .quoted })
        _ = try await source.changeStatus(of: QuoteNumber(quoted.quoteID)!, .decline)
        var progress: [Int] = []
        let summary = try await LedgerCopy.run(from: source, to: target) { progress.append($0) }.summary
        #expect(summary == (try await source.summary()) && progress.last == summary.quotes)
        let copied = try await F.entries(target).map(\.fields), original = try await F.entries(source).map(\.fields)
        #expect(copied == original && copied.count == 36)
        // The copy keeps what makes a repeat, and numbers on from the copied ids.
        let again = try await F.save([try F.quote("S1"), try F.quote("N1", date: "2027-03-31")], into: target, from: .requestsFile(name: "x.csv"))
        #expect(again[0].refusal != nil && F.saved(again).map(\.quoteID) == ["Q-2027-\(String(format: "%06d", Int(summaryYearCount(original, 2027)) + 1))"])

        let before = try await target.summary()
        await #expect(throws: LedgerError.notEmpty(ledger: target.name, quotes: before.quotes)) {
            try await LedgerCopy.run(from: source, to: target)
        }
        #expect(try await target.summary() == before)
        try await source.close()
        try await target.close()
    }

    /// How many of `entries` are dated in `year`.
    func summaryYearCount(_ entries: [EntryFields], _ year: Int) -> Int { entries.filter { $0.quote.quoteDate.year == year }.count }

    @Test("saves started at once in one store wait for each other: every quote saved once, ids consecutive", arguments: StoreKind.allCases)
    func concurrentSaves(kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for t in 0..<4 {
                group.addTask {
                    let quotes = try (0..<15).map { try F.quote("T\(t)-\($0)", date: "2026-11-0\(1 + $0 % 9)") }
                    _ = try await F.save(quotes, into: store, from: .requestsFile(name: "desk \(t).csv"))
                }
            }
            try await group.waitForAll()
        }
        let entries = try await F.entries(store)
        #expect(entries.map(\.quote.quoteID) == (1...60).map { QuoteNumber(year: 2026, seq: $0).description })
        #expect(Set(entries.map(\.quote.request.requestID)).count == 60)
        try await store.close()
    }

    @Test("a ledger of a newer schema is refused, untouched", arguments: StoreKind.allCases)
    func newerSchema(kind: StoreKind) async throws {
        let database = try await kind.makeNewerSchema()
        let before = try await database.contents()
        await #expect(throws: LedgerError.newerSchema(ledger: database.ledger)) { _ = try await database.open() }
        #expect(try await database.contents() == before)
    }

    @Test("a database that is not a ledger is refused, untouched", arguments: StoreKind.allCases)
    func notALedger(kind: StoreKind) async throws {
        let database = try await kind.makeNotALedger()
        let before = try await database.contents()
        do {
            _ = try await database.open()
            Issue.record("opened")
        } catch let LedgerError.notALedger(ledger, reason) {
            #expect(ledger == database.ledger && !reason.isEmpty)
        }
        #expect(try await database.contents() == before)
    }
}
