import Foundation
import GRDB
import Pricing

/// The ledger of saved quotes: one SQLite file (through GRDB) holding every saved quote
/// with all its figures, schedule and installments, the request it came from, its status,
/// and the rate card's name, version and text fingerprint, so reports never recompute
/// from a newer card.
public final class Ledger {
    /// The file.
    public let path: String
    let queue: DatabaseQueue

    /// Opens the ledger at `path`, creating it when `create` is set, and brings its schema
    /// up to date. Waits up to `busyTimeout` seconds for another writer to finish.
    ///
    /// - Throws: ``LedgerError/newerSchema(path:)`` for a file written by a newer spaquote
    ///   (left untouched), ``LedgerError/cannotOpen(path:reason:)`` otherwise.
    public init(path: String, create: Bool, busyTimeout: Double = 5) throws(LedgerError) {
        self.path = path
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw .cannotOpen(path: path, reason: "no ledger there yet (save quotes with --save first)")
        }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = "spaquote-ledger"
        config.prepareDatabase { db in
            // 16 KiB pages (for a new ledger; an existing one keeps its own) and 16 MiB of
            // page cache: a batch save appends rows and touches the index pages again and again.
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA cache_size = -16384")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            let migrator = LedgerSchema.migrator(path: path)
            if try queue.read({ try migrator.hasBeenSuperseded($0) }) { throw LedgerError.newerSchema(path: path) }
            try migrator.migrate(queue)
        } catch let error as LedgerError {
            throw error
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: throw .locked(path: path)
            case .SQLITE_NOTADB: throw .cannotOpen(path: path, reason: "the file is not a spaquote ledger (not SQLite)")
            default: throw .cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
            }
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Runs `body` in one write transaction: everything it saves is committed together when
    /// it calls ``LedgerWriter/commit()`` or returns, and nothing is kept if it throws (or
    /// the process dies first).
    public func save<T>(_ body: (LedgerWriter) throws -> T) throws -> T {
        try translating {
            try queue.writeWithoutTransaction { db in
                try db.beginTransaction(.immediate)
                let writer = try LedgerWriter(db: db, path: path)
                do {
                    let result = try body(writer)
                    try writer.commit()
                    return result
                } catch {
                    if db.isInsideTransaction { try? db.rollback() }
                    throw error
                }
            }
        }
    }

    /// Turns SQLite's errors into ``LedgerError``s naming this ledger.
    func translating<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: throw LedgerError.locked(path: path)
            default: throw LedgerError.database(path: path, reason: error.message ?? "\(error.resultCode)")
            }
        }
    }
}
