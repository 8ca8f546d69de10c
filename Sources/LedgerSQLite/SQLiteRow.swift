import GRDBSQLite
import Ledger
import Pricing

/// A row of values for a prepared SQLite statement, bound and run through SQLite's C API:
/// the hot insert of a batch save skips GRDB's generic argument boxing, and text is
/// gathered in one buffer that stays alive through the step, so SQLite binds it without
/// copying (`SQLITE_STATIC`) instead of allocating a copy of every string.
///
/// A value type built in a local variable: a class holding the buffer paid a runtime
/// exclusivity check on every value added (a quarter of a batch save's own work).
///
/// Use: the values in parameter order (``QuoteRow/encode(into:)``), then
/// ``step(_:body:)``; ``reset()`` to reuse it. A source's name becomes the id of its
/// `quote_source` row through ``sourceIDs``; a name not there yet is left in
/// ``missingSource`` for the caller to add (it needs the database) before encoding again.
struct SQLiteRow: QuoteRowEncoder {
    private enum Parameter {
        case int(Int64)
        case text(start: Int, count: Int)
        case null
    }

    private var bytes: [UInt8] = []
    private var parameters: [Parameter] = []
    /// `quote_source.path` -> `quote_source.id`, kept across rows.
    var sourceIDs: [String: Int64] = [:]
    /// The last source found, checked first (a batch has one).
    private var lastSource: (name: String, id: Int64)?
    /// A source name ``source(_:)`` did not find in ``sourceIDs`` (NULL was bound instead).
    var missingSource: String?

    init() {}

    /// Forgets the values (keeping the memory for the next row, and the source ids).
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        parameters.removeAll(keepingCapacity: true)
    }

    mutating func int(_ value: Int64) { parameters.append(.int(value)) }
    mutating func int(_ value: Int) { parameters.append(.int(Int64(value))) }
    mutating func null() { parameters.append(.null) }

    mutating func source(_ name: String) {
        if let last = lastSource, last.name == name { return int(last.id) }
        guard let id = sourceIDs[name] else {
            missingSource = name
            return null()
        }
        lastSource = (name, id)
        int(id)
    }

    mutating func text(_ value: String) {
        let start = bytes.count
        var value = value
        value.withUTF8 { bytes.append(contentsOf: $0) }
        parameters.append(.text(start: start, count: bytes.count - start))
    }

    /// Text that `write` appends to the row's buffer (no `String` in between).
    @inline(__always)
    mutating func text(_ write: (inout [UInt8]) -> Void) {
        let start = bytes.count
        write(&bytes)
        parameters.append(.text(start: start, count: bytes.count - start))
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
