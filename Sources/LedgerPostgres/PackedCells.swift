import Ledger
import PostgresNIO

/// A row whose columns the server packed into one text cell (``Layout/select``), back to
/// back: a text column as `LENGTH:VALUE` (its byte length in decimal, a colon, the text)
/// or `-` for NULL, so that nothing a text holds can shift the columns; an integer column
/// (``QuoteColumns/integers``) as its decimal digits and a comma, or `~,` for NULL (a
/// number holds no comma, and its text is cheaper for the server to make than a length).
///
/// The monthly report reads ~a million rows of fourteen columns: taking one cell a row
/// from postgres-nio instead of fourteen is where its time went (each cell is a
/// `PostgresCell` with its column's name). Integer columns (``QuoteColumns/integers``)
/// read as numbers only, the others as text only, as ``PostgresCells`` read typed cells.
struct PackedCells: RowCells {
    /// The packed columns, in order, with their positions and kinds.
    struct Layout: Sendable {
        let names: [String]
        let positions: [String: Int]
        let integers: [Bool]

        init(_ names: [String]) {
            self.names = names
            positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            integers = names.map { QuoteColumns.integers.contains($0) }
        }

        /// A page of rows, the first `limit` (by id) of those `condition` keeps, their
        /// stored packings (`revenue_packed`, migration 3, which holds
        /// `Layout(QuoteColumns.revenue)`) back to back in one text value (NULL when none):
        /// `limit` is the placeholder of the limit's bound value. One cell a page, not one a
        /// row: the client's cost per cell was most of the report's time. The rows come in
        /// the subquery's order, as PostgreSQL feeds an aggregate; the reader checks the ids
        /// all the same (an `ORDER BY` inside the aggregate would sort each page again).
        static func page(condition: String, limit: String) -> String {
            "SELECT string_agg(revenue_packed, '') FROM (SELECT id, revenue_packed FROM quote WHERE "
                + condition + " ORDER BY id LIMIT " + limit + ") AS page"
        }

        /// `SELECT` list packing the columns into one text value (``PackedCells``).
        var select: String {
            zip(names, integers).map { name, integer in
                integer ? "COALESCE(\(name)::text, '~') || ','" : "COALESCE(octet_length(\(name)::text)::text || ':' || \(name)::text, '-')"
            }.joined(separator: " || ")
        }
    }

    let bytes: ByteBuffer
    let layout: Layout
    /// Each column's (start, length) in `bytes`' readable bytes; start -1 for NULL.
    private let spans: [(start: Int32, count: Int32)]
    /// Where the row's packing ends in `bytes`' readable bytes (the next row's start).
    let end: Int

    /// Unpacks `bytes`, one row; nil when they are not a packing of `layout`'s columns.
    init?(_ bytes: ByteBuffer, layout: Layout) {
        guard let row = PackedCells(bytes, from: 0, layout: layout), row.end == bytes.readableBytes else { return nil }
        self = row
    }

    /// Unpacks the row that starts at `offset` of `bytes`' readable bytes, where rows are
    /// packed back to back (a page, ``Layout/page``); nil when what follows `offset` does
    /// not start with a packing of `layout`'s columns. Its cells share `bytes` (no copy).
    init?(_ bytes: ByteBuffer, from offset: Int, layout: Layout) {
        guard bytes.readableBytes <= Int(Int32.max),
              let (spans, end) = bytes.withUnsafeReadableBytes({ Self.spans(of: $0, from: offset, integers: layout.integers) }),
              end > offset
        else { return nil }
        self.bytes = bytes
        self.layout = layout
        self.spans = spans
        self.end = end
    }

    private static func spans(of raw: UnsafeRawBufferPointer, from offset: Int,
                              integers: [Bool]) -> ([(start: Int32, count: Int32)], Int)? {
        var spans: [(start: Int32, count: Int32)] = []
        spans.reserveCapacity(integers.count)
        guard offset >= 0 else { return nil }
        var i = offset
        for integer in integers {
            guard i < raw.count else { return nil }
            if integer {
                let start = i
                while i < raw.count, raw[i] != UInt8(ascii: ",") { i += 1 }
                guard i < raw.count else { return nil }
                let isNull = i - start == 1 && raw[start] == UInt8(ascii: "~")
                spans.append(isNull ? (-1, 0) : (Int32(start), Int32(i - start)))
                i += 1
                continue
            }
            if raw[i] == UInt8(ascii: "-") { spans.append((-1, 0)); i += 1; continue }
            var length = 0, digits = 0
            while i < raw.count, raw[i] >= UInt8(ascii: "0"), raw[i] <= UInt8(ascii: "9"), digits < 10 {
                length = length * 10 + Int(raw[i] - UInt8(ascii: "0")); i += 1; digits += 1
            }
            guard digits > 0, i < raw.count, raw[i] == UInt8(ascii: ":"), length <= raw.count - i - 1 else { return nil }
            spans.append((Int32(i + 1), Int32(length)))
            i += 1 + length
        }
        return (spans, i)
    }

    func index(of name: String) -> Int? { layout.positions[name] }

    func isNull(_ i: Int) -> Bool { spans[i].start < 0 }

    func integer(_ i: Int) -> Int64? {
        guard layout.integers[i], spans[i].start >= 0 else { return nil }
        return withBytes(i) { text in
            guard !text.isEmpty, text.count <= 20 else { return nil }
            var value: Int64 = 0, negative = false, j = 0
            if text[0] == UInt8(ascii: "-") { negative = true; j = 1; guard text.count > 1 else { return nil } }
            while j < text.count {
                let d = text[j]
                guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = negative ? m.subtractingReportingOverflow(Int64(d - 48)) : m.addingReportingOverflow(Int64(d - 48))
                guard !o1, !o2 else { return nil }
                value = s; j += 1
            }
            return value
        }
    }

    func withText<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        guard !layout.integers[i], spans[i].start >= 0 else { return try body(nil) }
        return try withBytes(i) { try body($0) }
    }

    func shownValue(_ i: Int) -> String {
        guard spans[i].start >= 0 else { return "NULL" }
        if let v = integer(i) { return String(v) }
        return withBytes(i) { "'" + ShownValue.escaped($0) + "'" }
    }

    private func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let span = spans[i]
        return try bytes.withUnsafeReadableBytes { raw in
            let all = raw.bindMemory(to: UInt8.self)
            return try body(UnsafeBufferPointer(rebasing: all[Int(span.start)..<Int(span.start + span.count)]))
        }
    }
}
