import Pricing

/// Something that takes a row's values one by one, typed as ``Cell`` types them: the
/// CSV line encoder writes them as text straight away, ``CellCollector`` keeps them as
/// cells. ``QuoteColumn/write(_:to:)`` feeds either from one mapping of columns to values.
public protocol CellWriter {
    mutating func text(_ s: String)
    mutating func money(_ m: Money)
    mutating func percent(_ p: Percent)
    mutating func integer(_ value: Int)
    mutating func date(_ d: LocalDate)
    /// Ids joined by `;` (areas, add-ons).
    mutating func list(_ items: [String])
    mutating func empty()
}

extension CellWriter {
    /// An optional value, or an empty cell.
    @inline(__always)
    mutating func text(_ s: String?) { if let s { text(s) } else { empty() } }

    @inline(__always)
    mutating func date(_ d: LocalDate?) { if let d { date(d) } else { empty() } }
}

extension CSVLineEncoder: CellWriter {}

/// Collects the values written to it as cells.
public struct CellCollector: CellWriter {
    public private(set) var cells: [Cell] = []

    public init() {}

    public mutating func text(_ s: String) { cells.append(.text(s)) }
    public mutating func money(_ m: Money) { cells.append(.money(m)) }
    public mutating func percent(_ p: Percent) { cells.append(.percent(p)) }
    public mutating func integer(_ value: Int) { cells.append(.integer(value)) }
    public mutating func date(_ d: LocalDate) { cells.append(.date(d)) }
    public mutating func list(_ items: [String]) { cells.append(.list(items)) }
    public mutating func empty() { cells.append(.empty) }
}

/// Keeps the one value written to it (``QuoteColumn/cell(_:)``: no array per cell).
struct SingleCell: CellWriter {
    var cell = Cell.empty

    mutating func text(_ s: String) { cell = .text(s) }
    mutating func money(_ m: Money) { cell = .money(m) }
    mutating func percent(_ p: Percent) { cell = .percent(p) }
    mutating func integer(_ value: Int) { cell = .integer(value) }
    mutating func date(_ d: LocalDate) { cell = .date(d) }
    mutating func list(_ items: [String]) { cell = .list(items) }
    mutating func empty() { cell = .empty }
}
