import Pricing

/// One value of an output row, typed so CSV writes its text and XLSX a real number or date.
public enum Cell: Sendable, Equatable {
    case text(String)
    case money(Money)
    case percent(Percent)
    case integer(Int)
    case date(LocalDate)
    /// Ids joined by `;` (areas, add-ons), kept apart so writers need not join them.
    case list([String])
    case empty

    /// The text a CSV cell holds (SPEC section 1 formats: `1316.93`, `12.5`, `2026-11-01`).
    public var text: String {
        switch self {
        case .text(let s): s
        case .money(let m): m.description
        case .percent(let p): p.description
        case .integer(let i): String(i)
        case .date(let d): d.description
        case .list(let items): items.joined(separator: ";")
        case .empty: ""
        }
    }
}
