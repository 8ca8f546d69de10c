import GRDB
import GRDBSQLite
import Ledger

/// The current row of a stepped SQLite statement, as ``RowCells``: SQLite's own types are
/// checked (an integer column holding text, a real number or a blob is not an integer;
/// only text is text), and every other check is ``RowReader``'s.
///
/// Valid while the statement stays on the row: used inside a GRDB reader or writer
/// closure only.
struct SQLiteCells: RowCells {
    let statement: OpaquePointer
    /// Column name -> position, of the query's result.
    private let indexes: [String: Int]

    init(_ statement: OpaquePointer) {
        self.statement = statement
        var indexes: [String: Int] = [:]
        for i in 0..<sqlite3_column_count(statement) {
            if let name = sqlite3_column_name(statement, i) { indexes[String(cString: name)] = Int(i) }
        }
        self.indexes = indexes
    }

    func index(of name: String) -> Int? { indexes[name] }

    private func type(_ i: Int) -> Int32 { sqlite3_column_type(statement, Int32(i)) }

    func isNull(_ i: Int) -> Bool { type(i) == SQLITE_NULL }

    func integer(_ i: Int) -> Int64? {
        type(i) == SQLITE_INTEGER ? sqlite3_column_int64(statement, Int32(i)) : nil
    }

    func withText<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        guard type(i) == SQLITE_TEXT else { return try body(nil) }
        return try body(bytes(i))
    }

    /// The cell's bytes, valid until the next step (empty for NULL).
    private func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard let p = sqlite3_column_text(statement, Int32(i)) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, Int32(i))))
    }

    func shownValue(_ i: Int) -> String {
        switch type(i) {
        case SQLITE_NULL: return "NULL"
        case SQLITE_INTEGER: return String(sqlite3_column_int64(statement, Int32(i)))
        case SQLITE_BLOB: return "a blob of \(sqlite3_column_bytes(statement, Int32(i))) bytes"
        case SQLITE_FLOAT: return "the real number " + ShownValue.escaped(bytes(i))
        default: return "'" + ShownValue.escaped(bytes(i)) + "'"
        }
    }
}

extension SQLiteCells {
    /// Runs `sql` with `arguments` in `db` and calls `body` with each row, streamed; the
    /// statement is reset afterwards, whatever `body` does.
    static func forEach(_ db: Database, ledger: String, sql: String, arguments: StatementArguments = [],
                        _ body: (RowReader<SQLiteCells>) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        let pointer = statement.sqliteStatement
        defer { sqlite3_reset(pointer) }
        let row = RowReader(SQLiteCells(pointer), ledger: ledger)
        while true {
            let code = sqlite3_step(pointer)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw SQLiteFailure.error(code, db) }
            try body(row)
        }
    }
}
