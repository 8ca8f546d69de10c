import GRDBSQLite
import Pricing

/// A row of values for a prepared SQLite statement, bound and run through SQLite's C API:
/// the hot insert of a batch save skips GRDB's generic argument boxing, and text is
/// gathered in one buffer that stays alive through the step, so SQLite binds it without
/// copying (`SQLITE_STATIC`) instead of allocating a copy of every string.
///
/// A value type built in a local variable: a class holding the buffer paid a runtime
/// exclusivity check on every value added (a quarter of a batch save's own work).
///
/// Use: the values in parameter order, then ``step(_:body:)``; ``reset()`` to reuse it.
struct SQLiteRow {
    private enum Parameter {
        case int(Int64)
        case text(start: Int, count: Int)
        case null
    }

    private var bytes: [UInt8] = []
    private var parameters: [Parameter] = []

    init() {}

    /// Forgets the values (keeping the memory for the next row).
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        parameters.removeAll(keepingCapacity: true)
    }

    mutating func int(_ value: Int64) { parameters.append(.int(value)) }
    mutating func int(_ value: Int) { parameters.append(.int(Int64(value))) }
    mutating func null() { parameters.append(.null) }

    mutating func text(_ value: String) {
        let start = bytes.count
        var value = value
        value.withUTF8 { bytes.append(contentsOf: $0) }
        parameters.append(.text(start: start, count: bytes.count - start))
    }

    mutating func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    /// Text that `write` appends to the row's buffer (no `String` in between).
    @inline(__always)
    mutating func text(_ write: (inout [UInt8]) -> Void) {
        let start = bytes.count
        write(&bytes)
        parameters.append(.text(start: start, count: bytes.count - start))
    }

    /// An ISO `YYYY-MM-DD` date.
    mutating func date(_ value: LocalDate) { text { value.appendISO(to: &$0) } }

    mutating func date(_ value: LocalDate?) {
        if let value { date(value) } else { null() }
    }

    /// `items` joined by the ASCII `separator`.
    mutating func text<S: Sequence<String>>(joining items: S, separator: UInt8) {
        text { bytes in
            var first = true
            for var item in items {
                if !first { bytes.append(separator) }
                first = false
                item.withUTF8 { bytes.append(contentsOf: $0) }
            }
        }
    }

    /// Binds the values to `statement` and steps it once: SQLITE_DONE or SQLITE_ROW, or the
    /// failing code. With `body`, it runs while the values are bound (to read a row).
    @discardableResult
    func step(_ statement: OpaquePointer, body: ((OpaquePointer) -> Void)? = nil) -> Int32 {
        bytes.withUnsafeBufferPointer { buffer -> Int32 in
            sqlite3_reset(statement)
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            for (i, p) in parameters.enumerated() {
                let index = Int32(i + 1)
                let code: Int32
                switch p {
                case .int(let v): code = sqlite3_bind_int64(statement, index, v)
                case .null: code = sqlite3_bind_null(statement, index)
                case let .text(start, count):
                    // SQLITE_STATIC (nil): the buffer outlives the step; the statement is
                    // reset, and rebound, before the buffer changes.
                    code = count == 0 || base == nil
                        ? sqlite3_bind_text(statement, index, "", 0, nil)
                        : sqlite3_bind_text(statement, index, base! + start, Int32(count), nil)
                }
                if code != SQLITE_OK { return code }
            }
            let result = sqlite3_step(statement)
            if result == SQLITE_ROW { body?(statement) }
            sqlite3_reset(statement)
            // Unbind the text before the buffer can move or be freed.
            sqlite3_clear_bindings(statement)
            return result
        }
    }
}
