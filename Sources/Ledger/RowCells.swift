/// The current row of a store's query, as its cells: the one thing a backend provides for
/// reading quotes. Every check and every conversion of a value into a quote, an entry or
/// a revenue record is made once, by ``RowReader``, over these cells.
///
/// A cell is addressed by its position in the query's result; ``index(of:)`` finds it by
/// column name (the names of ``QuoteColumns``).
public protocol RowCells {
    /// The position of column `name` in the query's result, nil when the query has no such column.
    func index(of name: String) -> Int?
    /// Whether the cell is NULL.
    func isNull(_ i: Int) -> Bool
    /// The cell as a whole number, nil when it holds anything else (text, a real number, NULL).
    func integer(_ i: Int) -> Int64?
    /// Calls `body` with the cell's bytes when it holds text (nil otherwise, NULL included).
    /// The bytes are valid during the call only.
    func withText<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R
    /// The cell as a message shows it: `NULL`, a number, `a blob of N bytes`, or text in
    /// quotes made inert by ``ShownValue/escaped(_:)``.
    func shownValue(_ i: Int) -> String
}
