import Foundation
@testable import FrontDesk
import Ledger
import LedgerSQLite
import Pricing
import Testing

/// Web saves arriving together are saved in one ledger transaction (``SaveGroup``): each
/// caller still gets its own quote, ids unique and consecutive, and one quote the ledger
/// refuses does not take the others of its group down with it.
@Suite("Front desk: concurrent saves grouped into one transaction")
struct SaveGroupTests {
    static let card = try! RateCard.load(path: WebFixture.pricingPath)

    static func quote(_ client: String, date: String) throws -> Quote {
        let day = LocalDate(iso: date)!
        let r = QuoteRequest(requestID: "walk-in", client: client, location: "downtown", tier: "senior", areas: ["face"],
                             sessions: 3, addons: [], promo: nil, quoteDate: day, status: .quoted, acceptedOn: nil)
        return try QuoteEngine.quote(r, card: card, today: day)
    }

    @Test("saves made at once each get their own quote back, under ids unique and consecutive, all in the ledger",
          arguments: [1, 7, 300])
    func concurrentSaves(count: Int) async throws {
        let store = try await SQLiteStore.inMemory()
        let group = SaveGroup(ledger: store, source: .other("web"), rateCardHash: "h")
        let saved = try await withThrowingTaskGroup(of: (String, Quote).self) { tasks in
            for i in 0..<count {
                tasks.addTask {
                    let client = "Client \(i)"
                    return (client, try await group.save(try Self.quote(client, date: "2026-11-02")))
                }
            }
            return try await tasks.reduce(into: [(String, Quote)]()) { $0.append($1) }
        }
        #expect(saved.count == count)
        for (client, quote) in saved { #expect(quote.request.client == client) }
        let ids = Set(saved.map(\.1.quoteID))
        #expect(ids == Set((1...count).map { QuoteNumber(year: 2026, seq: $0).description }))
        for (client, quote) in saved {
            let entry = try await store.entry(id: quote.quoteID)
            #expect(entry.quote.request.client == client)
        }
        #expect(try await store.summary().quoted == count)
    }

    @Test("a quote the ledger refuses (its year is full) fails alone; the others saved with it are saved",
          arguments: [2, 9])
    func oneRefusal(count: Int) async throws {
        let store = try await SQLiteStore.inMemory()
        var last = try Self.quote("Last of 2026", date: "2026-12-01")
        let number = QuoteNumber(year: 2026, seq: QuoteNumber.perYear - 1)
        last.quoteID = number.description
        let transaction = try await store.beginSave()
        try await transaction.insert([QuoteRow(quote: last, number: number, source: "cli", line: nil, rateCardHash: "h")])
        try await transaction.commit()
        let group = SaveGroup(ledger: store, source: .other("web"), rateCardHash: "h")
        // Every other quote falls in the full year 2026; the rest in 2027.
        let outcomes = await withTaskGroup(of: (Int, Result<Quote, any Error>).self) { tasks in
            for i in 0..<count {
                tasks.addTask {
                    let date = i % 2 == 0 ? "2026-12-02" : "2027-01-04"
                    do { return (i, .success(try await group.save(try Self.quote("Client \(i)", date: date)))) } catch { return (i, .failure(error)) }
                }
            }
            return await tasks.reduce(into: [Int: Result<Quote, any Error>]()) { $0[$1.0] = $1.1 }
        }
        var saved2027: [String] = []
        for (i, outcome) in outcomes {
            switch (i % 2 == 0, outcome) {
            case let (true, .failure(error)):
                #expect(error as? LedgerError == .yearFull(ledger: store.name, year: 2026))
            case let (false, .success(quote)):
                #expect(quote.request.client == "Client \(i)")
                saved2027.append(quote.quoteID)
            default:
                Issue.record("quote \(i): \(outcome)")
            }
        }
        #expect(Set(saved2027) == Set((0..<count / 2).map { QuoteNumber(year: 2027, seq: $0 + 1).description }))
        #expect(try await store.summary().quoted == 1 + count / 2)
    }
}
