import Foundation
import GRDB
import Ledger
@testable import LedgerSQLite
import Pricing
import Testing

/// A value written over one column of a saved quote with raw SQL.
struct BadColumn: Sendable, CustomStringConvertible {
    var column: String
    /// SQL for the new value.
    var sql: String
    /// How the error shows the value.
    var shown: String
    /// A part of the error's problem.
    var problem: String
    /// Whether the monthly report reads the column (and so fails with the same error).
    var inReport = true
    /// The column the error names, when not `column` (figures that do not add up).
    var named: String?

    var description: String { "\(column) = \(sql)" }

    static let all: [BadColumn] = [
        // Dates: impossible, out of 0001-01-01...9999-12-31, not text.
        BadColumn(column: "quote_date", sql: "'2026-02-30'", shown: "'2026-02-30'", problem: "not a date"),
        BadColumn(column: "quote_date", sql: "'10000-01-01'", shown: "'10000-01-01'", problem: "9999-12-31"),
        BadColumn(column: "quote_date", sql: "'0000-12-31'", shown: "'0000-12-31'", problem: "0001-01-01"),
        BadColumn(column: "quote_date", sql: "20261101", shown: "'20261101'", problem: "not a date"),
        BadColumn(column: "valid_until", sql: "'9999-12-32'", shown: "'9999-12-32'", problem: "not a date", inReport: false),
        BadColumn(column: "start_date", sql: "'next week'", shown: "'next week'", problem: "not a date", inReport: false),
        BadColumn(column: "accepted_on", sql: "'2026-11-31'", shown: "'2026-11-31'", problem: "not a date"),
        BadColumn(column: "accepted_on", sql: "NULL", shown: "NULL", problem: "missing for an accepted quote"),
        BadColumn(column: "session_dates", sql: "'2026-11-01 2026-13-01'", shown: "'2026-11-01 2026-13-01'", problem: "not a list of dates"),
        BadColumn(column: "session_dates", sql: "'2026-11-01'", shown: "'2026-11-01'", problem: "1 dates for 2 sessions"),
        BadColumn(column: "session_dates", sql: "'2026-11-01  2026-12-01'", shown: "'2026-11-01  2026-12-01'", problem: "not a list of dates"),
        // An out-of-range day computed from the row: session 2 planned past 9999-12-31.
        BadColumn(column: "spacing_weeks", sql: "99999999", shown: "99999999", problem: "after 9999-12-31", inReport: false),
        // Statuses.
        BadColumn(column: "status", sql: "'maybe'", shown: "'maybe'", problem: "not a status"),
        BadColumn(column: "status", sql: "'Accepted'", shown: "'Accepted'", problem: "not a status"),
        BadColumn(column: "status", sql: "7", shown: "'7'", problem: "not a status"),
        // Money.
        BadColumn(column: "total", sql: "'abc'", shown: "'abc'", problem: "not an amount"),
        BadColumn(column: "total", sql: "'12.50'", shown: "the real number 12.5", problem: "not an amount"),
        BadColumn(column: "tax", sql: "-5", shown: "-5", problem: "not an amount"),
        BadColumn(column: "treatment_net", sql: "x'0102'", shown: "a blob of 2 bytes", problem: "not an amount"),
        BadColumn(column: "total", sql: "total + 1", shown: "", problem: "which is not treatment_net", inReport: false),
        BadColumn(column: "treatment_net", sql: "9223372036854775000", shown: "", problem: "too large", inReport: false, named: "total"),
        BadColumn(column: "addons_total", sql: "addons_total + 3", shown: "", problem: "which is not the sum of addon_lines", inReport: false),
        BadColumn(column: "sessions", sql: "'two'", shown: "'two'", problem: "not a whole number"),
        BadColumn(column: "sessions", sql: "0", shown: "0", problem: "outside 1..."),
        // Add-on lines.
        BadColumn(column: "addon_lines", sql: "'kit\tpackage\tone\t1\t1\t1\tKit'", shown: "'kit\\tpackage\\tone\\t1\\t1\\t1\\tKit'",
                  problem: "not add-on lines", inReport: false),
        BadColumn(column: "addon_lines", sql: "'kit'", shown: "'kit'", problem: "not add-on lines", inReport: false),
        BadColumn(column: "addon_lines", sql: "'kit\tpackage\t1\t8995\t8995\t2\tKit'", shown: "'kit\\tpackage\\t1\\t8995\\t8995\\t2\\tKit'",
                  problem: "not add-on lines", inReport: false),
        // Other texts.
        BadColumn(column: "installments", sql: "'100 x'", shown: "'100 x'", problem: "not 2 amounts", inReport: false),
        BadColumn(column: "price_limit", sql: "'cap'", shown: "'cap'", problem: "not a price limit", inReport: false),
        BadColumn(column: "location", sql: "CAST(x'5A6FEB' AS TEXT)", shown: "'Zo\\xEB'", problem: "not text (UTF-8)"),
        BadColumn(column: "client", sql: "x'1B5D303B'", shown: "a blob of 4 bytes", problem: "not text (UTF-8)", inReport: false),
        BadColumn(column: "tier", sql: "NULL", shown: "NULL", problem: "not text (UTF-8)"),
    ]
}

@Suite("A saved quote whose row does not decode gives one typed error, from every reader")
struct LedgerRowDecodingTests {
    /// A ledger of three quotes (the first accepted, two sessions) with `bad` written into
    /// Q-2026-000002 by raw SQL, CHECK and NOT NULL rules aside.
    static func damagedLedger(_ bad: BadColumn) async throws -> (folder: String, path: String) {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        let ledger = try await SQLiteStore.open(path: path, create: true)
        try await LedgerFixtures.save([3, 1, 4], into: ledger)   // Q-2026-000002 is quote(1): two sessions, quoted
        try await ledger.close()
        let id = QuoteNumber(year: 2026, seq: 2).rowID
        var sql = "PRAGMA ignore_check_constraints = ON; "
        if bad.column == "accepted_on" { sql += "UPDATE quote SET status = 'accepted', accepted_on = '2026-11-02' WHERE id = \(id); " }
        if bad.sql == "NULL" && bad.column != "accepted_on" {
            // NOT NULL cannot be set aside: take it out of the table's definition, as
            // another tool might (the next connection reads the changed schema).
            try LedgerFixtures.sqlite(path, "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = replace(sql, '\(bad.column) TEXT NOT NULL', '\(bad.column) TEXT') WHERE name = 'quote'")
        }
        sql += "UPDATE quote SET \(bad.column) = \(bad.sql) WHERE id = \(id)"
        try LedgerFixtures.sqlite(path, sql)
        return (folder, path)
    }

    @Test("entry, entries, accept and decline throw the same error naming the quote, column and value",
          arguments: BadColumn.all)
    func everyReader(bad: BadColumn) async throws {
        let (folder, path) = try await Self.damagedLedger(bad)
        let before = LedgerFixtures.snapshot(folder)
        let ledger = try await SQLiteStore.open(path: path, create: false)
        let fromEntry = await Self.error { _ = try await ledger.entry(.q2026(2)) }
        guard case let .unreadableRow(p, quote, column, value, problem)? = fromEntry else {
            Issue.record("entry gave \(String(describing: fromEntry))")
            return
        }
        #expect(p == path && quote == "quote Q-2026-000002" && column == (bad.named ?? bad.column))
        if !bad.shown.isEmpty { #expect(value == bad.shown) }
        #expect(problem.contains(bad.problem), "\(problem)")
        #expect(fromEntry?.description.contains("restore it from a backup") == true)
        // Page by page: the rows before it, then the error (none skipped); a page holding it fails whole.
        let (seen, fromPages) = await LedgerFixtures.entries(ledger, pageSize: 1)
        #expect(seen == ["Q-2026-000001"] && fromPages == fromEntry)
        let (seenInOnePage, fromOnePage) = await LedgerFixtures.entries(ledger, pageSize: 100)
        #expect(seenInOnePage.isEmpty && fromOnePage == fromEntry)
        #expect(await Self.error { _ = try await ledger.changeStatus(of: .q2026(2), .accept(on: LocalDate(iso: "2026-11-03")!, overriding: true)) } == fromEntry)
        #expect(await Self.error { _ = try await ledger.changeStatus(of: .q2026(2), .decline) } == fromEntry)
        let readOnly = try await SQLiteStore.open(path: path, create: false, access: .read)
        #expect(await Self.error { _ = try await readOnly.entry(.q2026(2)) } == fromEntry)
        #expect(LedgerFixtures.snapshot(folder) == before)
        // The other quotes are still read.
        #expect(try await ledger.entry(.q2026(3)).quote.request.requestID == "R4")
        try await ledger.close()
        try await readOnly.close()
    }

    /// The ledger error `body` throws, nil when it throws none.
    static func error(_ body: () async throws -> Void) async -> LedgerError? {
        do { try await body() } catch { return error as? LedgerError }
        return nil
    }

    @Test("the monthly report's read fails at the quote, never leaving it out", arguments: BadColumn.all)
    func revenueRead(bad: BadColumn) async throws {
        let (_, path) = try await Self.damagedLedger(bad)
        let ledger = try await SQLiteStore.open(path: path, create: false, access: .read)
        let (records, error) = await LedgerFixtures.revenue(ledger, pageSize: 1)
        guard let error else {
            #expect(!bad.inReport, "the report read every quote")
            #expect(records == ["Q-2026-000001", "Q-2026-000002", "Q-2026-000003"])
            return
        }
        #expect(records == ["Q-2026-000001"])
        guard case let .unreadableRow(_, quote, column, _, _) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(quote == "quote Q-2026-000002" && column == (bad.named ?? bad.column))
        if bad.inReport { #expect(error == (await Self.error { _ = try await ledger.entry(.q2026(2)) })) }
    }

    @Test("an unreadable quote id names the row instead", arguments: ["'Q-26-1'", "NULL", "x'00'"])
    func unreadableQuoteID(sql: String) async throws {
        let (_, path) = try await Self.damagedLedger(BadColumn(column: "quote_id", sql: sql, shown: "", problem: ""))
        let ledger = try await SQLiteStore.open(path: path, create: false, access: .read)
        #expect((await LedgerFixtures.revenue(ledger)).error != nil)
        let (_, error) = await LedgerFixtures.entries(ledger)
        guard case let .unreadableRow(_, quote, column, _, _)? = error else {
            Issue.record("read: \(String(describing: error))")
            return
        }
        #expect(quote == "the row with id 20260000002" && column == "quote_id")
    }

    @Test("a quote whose source row is missing is refused by its source, never left out")
    func missingSource() async throws {
        let path = LedgerFixtures.folder() + "/l.sqlite"
        try await LedgerFixtures.ledger(at: path, quotes: 3)
        // As another tool might leave it, with SQLite's foreign-key rule off.
        try LedgerFixtures.sqlite(path, "PRAGMA foreign_keys = OFF; UPDATE quote SET source = 999 WHERE id = \(QuoteNumber.q2026(2).rowID)")
        let ledger = try await SQLiteStore.open(path: path, create: false, access: .read)
        let (seen, error) = await LedgerFixtures.entries(ledger, pageSize: 1)
        #expect(seen == ["Q-2026-000001"])
        guard case let .unreadableRow(_, quote, column, value, problem)? = error else {
            Issue.record("read: \(String(describing: error))")
            return
        }
        #expect(quote == "quote Q-2026-000002" && column == "source" && value == "NULL" && problem.contains("not text"))
    }
}
