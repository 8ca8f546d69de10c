import Pricing

/// The current row of a ledger query, read column by column with every value checked: a
/// value spaquote cannot have written (text where cents belong, a date that does not exist
/// or lies outside 0001-01-01...9999-12-31, an unknown status, a NULL in a required column,
/// bytes that are not UTF-8...) throws
/// ``LedgerError/unreadableRow(ledger:quote:column:value:problem:)`` naming the quote, the
/// column and the value. The one way every reader of every store decodes a row; a backend
/// only provides the cells (``RowCells``).
///
/// The readers of values are `@inlinable`, so a store's reading loop is compiled for its
/// own cells (no call through ``RowCells`` per cell: a report reads a million rows).
public struct RowReader<Cells: RowCells> {
    public let cells: Cells
    /// How messages name the ledger (``LedgerStore/name``).
    public let ledger: String

    @inlinable public init(_ cells: Cells, ledger: String) {
        self.cells = cells
        self.ledger = ledger
    }

    /// How messages name this row's quote: `quote Q-2026-000123`, or by row id when the
    /// quote id itself is unreadable.
    public var quoteName: String {
        if let i = cells.index(of: "quote_id"), let id = text(at: i), QuoteNumber(id) != nil { return "quote \(id)" }
        if let i = cells.index(of: "id"), let id = cells.integer(i) { return "the row with id \(id)" }
        return "a row"
    }

    /// A column of the query, found once by name.
    public struct Column: Sendable {
        public let name: String
        public let index: Int
    }

    /// The column called `name`.
    public func column(_ name: String) throws(LedgerError) -> Column {
        guard let i = cells.index(of: name) else {
            throw .unreadableRow(ledger: ledger, quote: quoteName, column: name, value: "nothing", problem: "missing from the query")
        }
        return Column(name: name, index: i)
    }

    /// The error for `column`'s value, which is `problem`.
    public func unreadable(_ column: Column, _ problem: String) -> LedgerError {
        .unreadableRow(ledger: ledger, quote: quoteName, column: column.name, value: cells.shownValue(column.index), problem: problem)
    }

    public func unreadable(_ name: String, _ problem: String) -> LedgerError {
        (try? unreadable(column(name), problem))
            ?? .unreadableRow(ledger: ledger, quote: quoteName, column: name, value: "nothing", problem: problem)
    }

    @inlinable public func isNull(_ c: Column) -> Bool { cells.isNull(c.index) }

    @inlinable func text(at i: Int) -> String? {
        cells.withText(i) { b in
            guard let b else { return nil }
            // ASCII (ids, dates, most names) is valid UTF-8 as it is: decoded on the fast path.
            if !b.contains(where: { $0 >= 0x80 }) { return String(decoding: b, as: UTF8.self) }
            return String(validating: b, as: UTF8.self)
        }
    }

    /// Required UTF-8 text.
    @inlinable public func text(_ c: Column) throws(LedgerError) -> String {
        guard let s = text(at: c.index) else { throw unreadable(c, "not text (UTF-8)") }
        return s
    }

    /// Text or NULL.
    @inlinable public func optionalText(_ c: Column) throws(LedgerError) -> String? { isNull(c) ? nil : try text(c) }

    /// A required integer in `range`.
    @inlinable public func int(_ c: Column, in range: ClosedRange<Int64> = Int64.min...Int64.max) throws(LedgerError) -> Int64 {
        guard let v = cells.integer(c.index) else { throw unreadable(c, "not a whole number") }
        guard range.contains(v) else { throw unreadable(c, "outside \(range.lowerBound)...\(range.upperBound)") }
        return v
    }

    /// An integer or NULL.
    @inlinable public func optionalInt(_ c: Column) throws(LedgerError) -> Int64? { isNull(c) ? nil : try int(c) }

    /// A required integer in `range`, as `Int`.
    @inlinable public func count(_ c: Column, in range: ClosedRange<Int>) throws(LedgerError) -> Int {
        Int(try int(c, in: Int64(range.lowerBound)...Int64(range.upperBound)))
    }

    /// Cents, 0 or more (no amount of a quote is negative).
    @inlinable public func money(_ c: Column) throws(LedgerError) -> Money {
        guard let cents = cells.integer(c.index), cents >= 0 else {
            throw unreadable(c, "not an amount (a whole number of cents, 0 or more)")
        }
        return Money(cents: cents)
    }

    /// 1/10,000 of a percent.
    @inlinable public func percent(_ c: Column) throws(LedgerError) -> Percent { Percent(units: try int(c)) }

    /// A required ISO date, 0001-01-01...9999-12-31.
    @inlinable public func date(_ c: Column) throws(LedgerError) -> LocalDate {
        guard let d = cells.withText(c.index, { $0.flatMap { LocalDate(isoUTF8: $0) } }) else { throw unreadable(c, Self.notADate) }
        return d
    }

    /// An ISO date or NULL.
    @inlinable public func optionalDate(_ c: Column) throws(LedgerError) -> LocalDate? { isNull(c) ? nil : try date(c) }

    /// Space-separated ISO dates, at least one.
    @inlinable public func dates(_ c: Column) throws(LedgerError) -> [LocalDate] {
        guard let out = cells.withText(c.index, Self.dates) else { throw unreadable(c, Self.notDates) }
        return out
    }

    @inlinable static func dates(_ b: UnsafeBufferPointer<UInt8>?) -> [LocalDate]? {
        guard let b, b.count % 11 == 10 else { return nil }
        var out: [LocalDate] = []
        out.reserveCapacity((b.count + 1) / 11)
        var start = 0
        while start < b.count {
            guard let d = LocalDate(isoUTF8: UnsafeBufferPointer(rebasing: b[start..<start + 10])),
                  start + 10 == b.count || b[start + 10] == 0x20 else { return nil }
            out.append(d)
            start += 11
        }
        return out
    }

    /// A status: quoted, accepted or declined.
    @inlinable public func status(_ c: Column) throws(LedgerError) -> QuoteStatus {
        guard let status = QuoteStatus(rawValue: try text(c)) else {
            throw unreadable(c, "not a status (quoted, accepted or declined)")
        }
        return status
    }

    /// Throws unless `total` (the value of column `c`) is the sum of `parts` (`named` in
    /// the message), added without overflow.
    public func expect(_ c: Column, _ total: Money, toBeTheSumOf parts: [Money], named: String) throws(LedgerError) {
        var sum: Int64 = 0
        for p in parts { sum = try add(sum, p, c, named) }
        try expect(c, total, toBe: sum, named: named)
    }

    /// `total` is `a + b + c + d` (without an array: the revenue read runs it per row).
    @inlinable public func expect(_ c: Column, _ total: Money, toBeTheSumOf a: Money, _ b: Money, _ d: Money, _ e: Money,
                                  named: String) throws(LedgerError) {
        try expect(c, total, toBe: try add(try add(try add(a.cents, b, c, named), d, c, named), e, c, named), named: named)
    }

    @inlinable func add(_ sum: Int64, _ part: Money, _ c: Column, _ named: String) throws(LedgerError) -> Int64 {
        let (s, overflow) = sum.addingReportingOverflow(part.cents)
        guard !overflow else { throw unreadable(c, "which is not \(named): their sum is too large") }
        return s
    }

    @inlinable func expect(_ c: Column, _ total: Money, toBe sum: Int64, named: String) throws(LedgerError) {
        guard sum == total.cents else { throw unreadable(c, "which is not \(named) (\(Money(cents: sum)))") }
    }

    @usableFromInline static var notADate: String { "not a date (YYYY-MM-DD, from 0001-01-01 to 9999-12-31)" }
    @usableFromInline static var notDates: String { "not a list of dates (YYYY-MM-DD separated by spaces, from 0001-01-01 to 9999-12-31)" }
}
