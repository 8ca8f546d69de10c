import GRDBSQLite
import Pricing

/// Binds a row of values to a prepared SQLite statement and runs it, through SQLite's C
/// API: the hot insert of a batch save skips GRDB's generic argument boxing, and text is
/// gathered in one buffer that stays alive through the step, so SQLite binds it without
/// copying (`SQLITE_STATIC`) instead of allocating a copy of every string.
///
/// Use: ``reset()``, the values in parameter order, then ``step()``.
final class SQLiteBinder {
    private enum Parameter {
        case int(Int64)
        case text(start: Int, count: Int)
        case null
    }

    let statement: OpaquePointer
    private var bytes: [UInt8] = []
    private var parameters: [Parameter] = []

    init(_ statement: OpaquePointer) {
        self.statement = statement
        bytes.reserveCapacity(1024)
    }

    /// Forgets the previous row's values.
    func reset() {
        bytes.removeAll(keepingCapacity: true)
        parameters.removeAll(keepingCapacity: true)
    }

    func int(_ value: Int64) { parameters.append(.int(value)) }
    func int(_ value: Int) { parameters.append(.int(Int64(value))) }
    func null() { parameters.append(.null) }

    func text(_ value: String) {
        let start = bytes.count
        var value = value
        value.withUTF8 { bytes.append(contentsOf: $0) }
        parameters.append(.text(start: start, count: bytes.count - start))
    }

    func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    /// Text that `write` appends to the row's buffer (no `String` in between).
    @inline(__always)
    func text(_ write: (inout [UInt8]) -> Void) {
        let start = bytes.count
        write(&bytes)
        parameters.append(.text(start: start, count: bytes.count - start))
    }

    /// An ISO `YYYY-MM-DD` date.
    func date(_ value: LocalDate) { text { value.appendISO(to: &$0) } }

    func date(_ value: LocalDate?) {
        if let value { date(value) } else { null() }
    }

    /// `items` joined by the ASCII `separator`.
    func text<S: Sequence<String>>(joining items: S, separator: UInt8) {
        text { bytes in
            var first = true
            for var item in items {
                if !first { bytes.append(separator) }
                first = false
                item.withUTF8 { bytes.append(contentsOf: $0) }
            }
        }
    }

    /// Binds the values and steps the statement once: SQLITE_DONE or SQLITE_ROW, or the
    /// failing code. With `body`, it runs while the values are bound (to read a row).
    @discardableResult
    func step(_ body: ((OpaquePointer) -> Void)? = nil) -> Int32 {
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
