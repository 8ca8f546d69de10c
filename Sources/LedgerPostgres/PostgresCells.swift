import Ledger
import PostgresNIO

/// A row of a ledger query, as ``RowCells`` for ``RowReader``: text cells (text, varchar,
/// name) and whole numbers (int2, int4, int8), in binary or text format. Anything else
/// reads as neither, so the reader names the column and its value.
struct PostgresCells: RowCells {
    let row: PostgresRandomAccessRow
    let columns: ColumnPositions

    func index(of name: String) -> Int? { columns.positions[name] }

    func isNull(_ i: Int) -> Bool { row[i].bytes == nil }

    func integer(_ i: Int) -> Int64? {
        let cell = row[i]
        guard var bytes = cell.bytes else { return nil }
        if cell.format == .text {
            guard cell.dataType == .int8 || cell.dataType == .int4 || cell.dataType == .int2 else { return nil }
            return bytes.readString(length: bytes.readableBytes).flatMap { Int64($0) }
        }
        switch (cell.dataType, bytes.readableBytes) {
        case (.int8, 8): return bytes.readInteger(as: Int64.self)
        case (.int4, 4): return bytes.readInteger(as: Int32.self).map(Int64.init)
        case (.int2, 2): return bytes.readInteger(as: Int16.self).map(Int64.init)
        default: return nil
        }
    }

    func withText<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        let cell = row[i]
        guard let bytes = cell.bytes, Self.isText(cell.dataType) else { return try body(nil) }
        return try bytes.withUnsafeReadableBytes { raw in try body(raw.bindMemory(to: UInt8.self)) }
    }

    func shownValue(_ i: Int) -> String {
        let cell = row[i]
        guard let bytes = cell.bytes else { return "NULL" }
        if let v = integer(i) { return String(v) }
        if Self.isText(cell.dataType) {
            return bytes.withUnsafeReadableBytes { "'" + ShownValue.escaped($0.bindMemory(to: UInt8.self)) + "'" }
        }
        return "a value of type \(cell.dataType) (\(bytes.readableBytes) bytes)"
    }

    static func isText(_ type: PostgresDataType) -> Bool { type == .text || type == .varchar || type == .name || type == .bpchar }
}

/// Column name to position in a query's result, found once per query.
final class ColumnPositions: Sendable {
    let positions: [String: Int]

    init(_ row: PostgresRow) {
        var positions: [String: Int] = [:]
        for (i, cell) in row.enumerated() where positions[cell.columnName] == nil { positions[cell.columnName] = i }
        self.positions = positions
    }
}
