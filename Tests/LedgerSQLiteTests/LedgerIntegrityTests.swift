import Foundation
import GRDB
import Ledger
@testable import LedgerSQLite
import Pricing
import Testing

/// A file given as a ledger that is not one, or is damaged, made at a path.
enum BadLedgerFile: String, CaseIterable, Sendable, CustomStringConvertible {
    case otherProgramsTable, otherProgramsQuoteTable, otherApplicationID, otherUserVersion
    case text, zeros, pngHeader
    case truncatedMidPage, truncatedAtPage, truncatedInHeader
    case garbageInHeaderPage, garbageInMiddle, garbageInLastPage

    var description: String { rawValue }

    /// The error kind a ledger open must refuse it with.
    var refusal: String {
        switch self {
        case .otherProgramsTable, .otherProgramsQuoteTable, .otherApplicationID, .otherUserVersion, .text, .zeros, .pngHeader:
            "notALedger"
        default: "damaged"
        }
    }

    /// Makes the file at `path`.
    func make(at path: String) async throws {
        switch self {
        case .otherProgramsTable:
            try LedgerFixtures.sqlite(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me')")
        case .otherProgramsQuoteTable:
            try LedgerFixtures.sqlite(path, "CREATE TABLE quote (id INTEGER PRIMARY KEY, author TEXT, words TEXT); INSERT INTO quote VALUES (1, 'Seneca', 'Luck')")
        case .otherApplicationID:
            // GeoPackage's application id, with a table.
            try LedgerFixtures.sqlite(path, "PRAGMA application_id = 1196444487; CREATE TABLE gpkg_contents (table_name TEXT)")
        case .otherUserVersion:
            try LedgerFixtures.sqlite(path, "PRAGMA user_version = 7")
        case .text: try Data("request_id,client\nR1,Ana\n".utf8).write(to: URL(fileURLWithPath: path))
        case .zeros: try Data(count: 32_768).write(to: URL(fileURLWithPath: path))
        case .pngHeader:
            try (Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + LedgerFixtures.garbage(4_000)).write(to: URL(fileURLWithPath: path))
        default:
            try await LedgerFixtures.ledger(at: path, quotes: 300)
            try damage(path)
        }
    }

    /// The 0-based number of the quote table's middle leaf page (SQLite's `dbstat`).
    private static func middleQuotePage(_ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let pages = try queue.read {
            try Int.fetchAll($0, sql: "SELECT pageno FROM dbstat WHERE name = 'quote' AND pagetype = 'leaf' ORDER BY pageno")
        }
        precondition(pages.count >= 3, "the quote table has too few pages to damage its middle")
        return pages[pages.count / 2] - 1
    }

    private func damage(_ path: String) throws {
        let size = Int(try FileManager.default.attributesOfItem(atPath: path)[.size] as? UInt64 ?? 0)
        let pageSize = 16_384
        precondition(size >= 8 * pageSize, "the ledger is too small to damage in three places")
        switch self {
        case .truncatedMidPage: try FileHandle(forUpdating: URL(fileURLWithPath: path)).truncate(atOffset: UInt64(size / 2 + 1_000))
        case .truncatedAtPage: try FileHandle(forUpdating: URL(fileURLWithPath: path)).truncate(atOffset: UInt64(size - 2 * pageSize))
        case .truncatedInHeader: try FileHandle(forUpdating: URL(fileURLWithPath: path)).truncate(atOffset: 50)
        case .garbageInHeaderPage: try LedgerFixtures.overwrite(path, at: 100, with: LedgerFixtures.garbage(8_192))
        case .garbageInMiddle:
            // In the middle of the quotes' pages (the file's middle may be an index's page,
            // which no read touches, now that the account tables come first).
            try LedgerFixtures.overwrite(path, at: try Self.middleQuotePage(path) * pageSize + 4_096, with: LedgerFixtures.garbage(8_192, seed: 7))
        case .garbageInLastPage: try LedgerFixtures.overwrite(path, at: -8_192, with: LedgerFixtures.garbage(8_192, seed: 11))
        default: break
        }
    }
}

@Suite("Damaged ledgers and other programs' files are refused and left untouched")
struct LedgerIntegrityTests {
    @Test("opening to save refuses the file, leaving it byte for byte as it was with nothing beside it",
          arguments: BadLedgerFile.allCases)
    func refusedForWriting(file: BadLedgerFile) async throws {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        try await file.make(at: path)
        let before = LedgerFixtures.snapshot(folder)
        for create in [true, false] {
            do {
                _ = try await SQLiteStore.open(path: path, create: create)
                Issue.record("\(file) was opened to write")
            } catch let error as LedgerError {
                #expect(error.kind == file.refusal, "\(error)")
                #expect(error.description.hasPrefix(path + ": ") && !error.description.contains("\n"), "\(error)")
                #expect(error.description.contains(file.refusal == "damaged" ? "restore it from a backup" : "choose another ledger"))
            }
        }
        #expect(LedgerFixtures.snapshot(folder) == before)
    }

    @Test("opening to read refuses another program's file and a truncated ledger; a damaged one gives a clear error, never a crash",
          arguments: BadLedgerFile.allCases)
    func refusedForReading(file: BadLedgerFile) async throws {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        try await file.make(at: path)
        let before = LedgerFixtures.snapshot(folder)
        do {
            let ledger = try await SQLiteStore.open(path: path, create: false, access: .read)
            let (_, entriesError) = await LedgerFixtures.entries(ledger)
            if let entriesError { throw entriesError }
            let (_, revenueError) = await LedgerFixtures.revenue(ledger)
            if let revenueError { throw revenueError }
            Issue.record("\(file) was read without an error")
        } catch let error as LedgerError {
            let allowed = file.refusal == "notALedger" || file.rawValue.hasPrefix("truncated") ? [file.refusal] : ["damaged", "unreadableRow"]
            #expect(allowed.contains(error.kind), "\(error)")
        }
        #expect(LedgerFixtures.snapshot(folder) == before)
    }

    @Test("damage no read sees (the repeat-check index's page) is found by quick_check before a save",
          arguments: [(1, 1_024), (2, 4_096), (3, 8_000)])
    func quickCheckFindsWhatReadsMiss(seed: Int, bytes: Int) async throws {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        try await LedgerFixtures.ledger(at: path, quotes: 300)
        let root = try await DatabaseQueue(path: path).read {
            try Int.fetchOne($0, sql: "SELECT rootpage FROM sqlite_schema WHERE name = 'quote_request'") ?? 0
        }
        // The end of the index's root page: where its cells are.
        try LedgerFixtures.overwrite(path, at: root * 16_384 - bytes, with: LedgerFixtures.garbage(bytes, seed: UInt64(seed)))
        let before = LedgerFixtures.snapshot(folder)
        let reader = try await SQLiteStore.open(path: path, create: false, access: .read)
        let (read, readError) = await LedgerFixtures.entries(reader)
        let (_, revenueError) = await LedgerFixtures.revenue(reader)
        #expect(readError == nil && revenueError == nil)
        #expect(read.count == 300)   // reads do not see it...
        try await reader.close()
        await #expect { _ = try await SQLiteStore.open(path: path, create: true) } throws: { $0.kind == "damaged" }   // ...quick_check does
        #expect(LedgerFixtures.snapshot(folder) == before)
    }
}

@Suite("New, empty and earlier ledgers open and are marked as spaquote's")
struct LedgerMarkTests {
    @Test("a missing file, a 0-byte file and a SQLite file without tables become ledgers with the application id",
          arguments: ["missing", "empty", "sqlite without tables"])
    func newLedgers(kind: String) async throws {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        if kind == "empty" { _ = FileManager.default.createFile(atPath: path, contents: Data()) }
        if kind == "sqlite without tables" { try LedgerFixtures.sqlite(path, "PRAGMA page_size = 4096; VACUUM") }
        let ledger = try await SQLiteStore.open(path: path, create: true)
        let outcomes = try await LedgerFixtures.save([1], into: ledger, from: .commandLine)
        #expect(outcomes.allSatisfy { $0.refusal == nil })
        try await ledger.close()
        #expect(LedgerFixtures.mark(path) == (LedgerSchema.applicationID, LedgerSchema.version))
        let reader = try await SQLiteStore.open(path: path, create: false, access: .read)
        #expect(try await reader.entry(.q2026(1)).quote.request.requestID == "R1")
        try await reader.close()
        #expect(LedgerFixtures.snapshot(folder).keys.sorted() == ["l.sqlite"])
    }

    @Test("an empty file is not made a ledger by a read or a status change", arguments: [SQLiteStore.Access.read, .write])
    func emptyNotCreatedByRead(access: SQLiteStore.Access) async throws {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        await #expect { _ = try await SQLiteStore.open(path: path, create: false, access: access) } throws: { $0.kind == "cannotOpen" }
        #expect(LedgerFixtures.snapshot(folder) == ["l.sqlite": Data()])
        await #expect { _ = try await SQLiteStore.open(path: folder + "/none.sqlite", create: false, access: access) } throws: { $0.kind == "cannotOpen" }
        #expect(!FileManager.default.fileExists(atPath: folder + "/none.sqlite"))
    }

    @Test("ledgers of schema versions 1 and 2 are read as they are, and marked when next opened to write",
          arguments: ["v1", "v2"], [1, 5, 40])
    func legacyLedgers(version: String, quotes: Int) async throws {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        try LedgerFixtures.legacyLedger(at: path, version: version, quotes: quotes)
        #expect(LedgerFixtures.mark(path) == (0, 0))
        let before = LedgerFixtures.snapshot(folder)
        let reader = try await SQLiteStore.open(path: path, create: false, access: .read)
        let (read, readError) = await LedgerFixtures.entries(reader)
        #expect(read.count == quotes && readError == nil)
        try await reader.close()
        #expect(LedgerFixtures.snapshot(folder) == before)   // a read changes nothing

        let ledger = try await SQLiteStore.open(path: path, create: false)
        #expect(LedgerFixtures.mark(path) == (LedgerSchema.applicationID, LedgerSchema.version))
        let accepted = try await ledger.changeStatus(of: .q2026(1), .accept(on: LocalDate(iso: "2026-11-05")!, overriding: true))
        #expect(accepted.quote.request.status == .accepted)
        #expect(try await ledger.entry(.q2026(1)).quote.request.status == .accepted)
        let (records, recordsError) = await LedgerFixtures.revenue(ledger)
        #expect(records.count == quotes && recordsError == nil)
        try await ledger.close()
        // Opened again, it is a marked ledger of this version, left as it is.
        let marked = LedgerFixtures.snapshot(folder)
        try await SQLiteStore.open(path: path, create: true).close()
        #expect(LedgerFixtures.snapshot(folder) == marked)
    }

    @Test("a file marked as a ledger of a newer schema version is refused and left untouched",
          arguments: [LedgerSchema.version + 1, LedgerSchema.version + 2, 1000])
    func newerUserVersion(version: Int32) async throws {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        try await LedgerFixtures.ledger(at: path, quotes: 2)
        try LedgerFixtures.sqlite(path, "PRAGMA user_version = \(version)")
        let before = LedgerFixtures.snapshot(folder)
        for access in [SQLiteStore.Access.read, .write] {
            await #expect(throws: LedgerError.newerSchema(ledger: path)) { _ = try await SQLiteStore.open(path: path, create: true, access: access) }
        }
        #expect(LedgerFixtures.snapshot(folder) == before)
    }

    @Test("a file marked as a ledger without a ledger's tables is refused as damaged", arguments: [
        "DROP TABLE quote_source", "CREATE TABLE extra (x)", "ALTER TABLE quote ADD COLUMN extra TEXT",
    ])
    func markedWithoutTables(sql: String) async throws {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        try await LedgerFixtures.ledger(at: path, quotes: 2)
        try LedgerFixtures.sqlite(path, "PRAGMA foreign_keys = OFF; " + sql)
        let before = LedgerFixtures.snapshot(folder)
        await #expect { _ = try await SQLiteStore.open(path: path, create: true) } throws: { $0.kind == "damaged" }
        #expect(LedgerFixtures.snapshot(folder) == before)
    }
}

@Suite("A save cut short is rolled back before the ledger is checked")
struct InterruptedSaveTests {
    /// The ledger at `path` as a crash leaves it: a copy of the file and its journal taken
    /// in the middle of a transaction that spilled `rows` inserted rows into the file.
    static func crashedCopy(of path: String, rows: Int, into folder: String) throws -> String {
        let queue = try DatabaseQueue(path: path)
        let copy = folder + "/crashed.sqlite"
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = 5")
            try db.execute(sql: "BEGIN IMMEDIATE")
            for k in 1...rows {
                try db.execute(sql: "INSERT INTO quote SELECT id + ?, quote_id, year, seq, source, NULL, request_id || ?, "
                    + LedgerSchema.quoteColumns.dropFirst(7).joined(separator: ", ") + " FROM quote WHERE id = 20260000001",
                               arguments: [k * 10, String(k)])
            }
            for suffix in ["", "-journal"] { try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix) }
            try db.execute(sql: "ROLLBACK")
        }
        try queue.close()
        return copy
    }

    @Test("opened to read or to write, the ledger is as before the cut-short save, its journal gone",
          arguments: [200, 3_000], [SQLiteStore.Access.read, .write])
    func rolledBack(rows: Int, access: SQLiteStore.Access) async throws {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        try await LedgerFixtures.ledger(at: path, quotes: 5)
        let copy = try Self.crashedCopy(of: path, rows: rows, into: folder)
        #expect(LedgerFixtures.hasHotJournal(copy))
        let ledger = try await SQLiteStore.open(path: copy, create: false, access: access)
        let (ids, error) = await LedgerFixtures.entries(ledger)
        #expect(ids == (1...5).map { "Q-2026-00000\($0)" } && error == nil)
        try await ledger.close()
        #expect(!FileManager.default.fileExists(atPath: copy + "-journal"))
    }

    @Test("a save under way in another process is waited for, never taken for damage", arguments: [5, 3_000])
    func saveUnderWay(rows: Int) async throws {
        let folder = LedgerFixtures.folder(), path = folder + "/l.sqlite"
        try await LedgerFixtures.ledger(at: path, quotes: 5)
        var config = Configuration()
        config.allowsUnsafeTransactions = true   // the other process's transaction stays open below
        let queue = try DatabaseQueue(path: path, configuration: config)
        try await queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = 5")
            try db.execute(sql: "BEGIN IMMEDIATE")
            for k in 1...rows {
                try db.execute(sql: "INSERT INTO quote SELECT id + ?, quote_id, year, seq, source, NULL, request_id || ?, "
                    + LedgerSchema.quoteColumns.dropFirst(7).joined(separator: ", ") + " FROM quote WHERE id = 20260000001",
                               arguments: [k * 10, String(k)])
            }
        }
        #expect(LedgerFixtures.hasHotJournal(path))
        // A small save holds its changes in memory: readers still read. A large one has
        // written into the file and holds it: readers wait, then are told it is locked.
        do {
            let reader = try await SQLiteStore.open(path: path, create: false, access: .read, busyTimeout: 0.2)
            let (ids, error) = await LedgerFixtures.entries(reader)
            if let error { throw error }
            #expect(ids.count == 5)
        } catch {
            #expect(rows > 100 && (error as? LedgerError) == .locked(ledger: path), "\(error)")
        }
        try await queue.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        try queue.close()
    }
}
