/// One value of a monthly report row as a ``MonthlyColumn`` gives it: a typed cell, or the
/// conversion rate kept exact until a writer turns it into its format's cell.
public enum MonthlyValue: Sendable, Equatable {
    case cell(Cell)
    /// Nil when no quote was issued (an empty cell).
    case rate(ConversionRate?)

    /// The cell a CSV (or any text output) writes: the rate as its text (`0.7500`).
    public var cell: Cell {
        switch self {
        case .cell(let c): c
        case .rate(let r): r.map { .text($0.text) } ?? .empty
        }
    }
}
