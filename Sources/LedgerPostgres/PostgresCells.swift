import Ledger
import PostgresNIO

/// A row of a ledger query, as ``RowCells`` for ``RowReader``: text cells (text, varchar,
/// name) and whole numbers (int2, int4, int8), in binary or text format. Anything else
/// reads as neither, so the reader names the column and its value.
///
/// The row's values are taken out once (the reader looks at a cell several times).
struct PostgresCells: RowCells {
    let values: [ByteBuffer?]
    let columns: ColumnPositions

    init(_ row: PostgresRow, columns: ColumnPositions) {
        var values: [ByteBuffer?] = []
        values.reserveCapacity(columns.types.count)
        for cell in row { values.append(cell.bytes) }
        self.values = values
        self.columns = columns
    }

    func index(of name: String) -> Int? { columns.positions[name] }

    func isNull(_ i: Int) -> Bool { values[i] == nil }

    func integer(_ i: Int) -> Int64? {
        guard var bytes = values[i] else { return nil }
        let type = columns.types[i]
        if columns.formats[i] == .text {
            guard type == .int8 || type == .int4 || type == .int2 else { return nil }
            return bytes.readString(length: bytes.readableBytes).flatMap { Int64($0) }
        }
        switch (type, bytes.readableBytes) {
        case (.int8, 8): return bytes.readInteger(as: Int64.self)
        case (.int4, 4): return bytes.readInteger(as: Int32.self).map(Int64.init)
        case (.int2, 2): return bytes.readInteger(as: Int16.self).map(Int64.init)
        default: return nil
        }
    }

    func withText<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        guard let bytes = values[i], Self.isText(columns.types[i]) else { return try body(nil) }
        return try bytes.withUnsafeReadableBytes { raw in try body(raw.bindMemory(to: UInt8.self)) }
    }

    func shownValue(_ i: Int) -> String {
        guard let bytes = values[i] else { return "NULL" }
        if let v = integer(i) { return String(v) }
        if Self.isText(columns.types[i]) {
            return bytes.withUnsafeReadableBytes { "'" + ShownValue.escaped($0.bindMemory(to: UInt8.self)) + "'" }
        }
        return "a value of type \(columns.types[i]) (\(bytes.readableBytes) bytes)"
    }

    static func isText(_ type: PostgresDataType) -> Bool { type == .text || type == .varchar || type == .name || type == .bpchar }
}

/// A query's columns: name to position, and each one's type and format, found once per query.
final class ColumnPositions: Sendable {
    let positions: [String: Int]
    let types: [PostgresDataType]
    let formats: [PostgresFormat]

    init(_ row: PostgresRow) {
        var positions: [String: Int] = [:], types: [PostgresDataType] = [], formats: [PostgresFormat] = []
        for (i, cell) in row.enumerated() {
            if positions[cell.columnName] == nil { positions[cell.columnName] = i }
            types.append(cell.dataType)
            formats.append(cell.format)
        }
        self.positions = positions
        self.types = types
        self.formats = formats
    }
}
