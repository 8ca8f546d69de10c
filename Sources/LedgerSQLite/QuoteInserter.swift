import GRDB
import GRDBSQLite
import Ledger

/// Inserts quote rows into the open transaction of a ledger connection: the prepared
/// INSERT (GRDB's cached statement), bound and stepped through SQLite's C API by
/// ``SQLiteRow``, and each source's `quote_source` id, added on first use.
///
/// Used inside a GRDB writer closure only.
enum QuoteInserter {
    static let insertSQL = "INSERT INTO quote (" + QuoteColumns.all.joined(separator: ", ") + ") VALUES ("
        + Array(repeating: "?", count: QuoteColumns.all.count).joined(separator: ", ") + ")"

    /// Inserts `rows` in `db`, with `buffer` (kept between calls: its memory and source ids).
    static func insert(_ rows: [QuoteRow], into db: Database, buffer: inout SQLiteRow) throws {
        let statement = try db.cachedStatement(sql: insertSQL).sqliteStatement
        for row in rows {
            buffer.reset()
            row.encode(into: &buffer)
            if let name = buffer.missingSource {
                buffer.sourceIDs[name] = try sourceID(name, in: db)
                buffer.missingSource = nil
                buffer.reset()
                row.encode(into: &buffer)
            }
            let code = buffer.step(statement)
            guard code == SQLITE_DONE else { throw SQLiteFailure.error(code, db) }
        }
        buffer.reset()
    }

    /// The id of the source `name` (a requests file's name, `cli`...), added when new.
    static func sourceID(_ name: String, in db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT OR IGNORE INTO quote_source (path) VALUES (?)", arguments: [name])
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM quote_source WHERE path = ?", arguments: [name]) else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "the source '\(name)' could not be recorded")
        }
        return id
    }
}
