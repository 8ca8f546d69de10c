import GRDB
import Ledger
import Pricing

extension QuoteFilter {
    /// The filter as a condition over the table `quote`, its values appended to
    /// `arguments` in order (never written into the SQL). Dates are ISO text, which
    /// compares as the days do.
    func sql(_ arguments: inout StatementArguments) -> String {
        switch self {
        case .all:
            return "1"
        case let .quoteDate(range):
            arguments += [range.lowerBound.description, range.upperBound.description]
            return "quote.quote_date BETWEEN ? AND ?"
        case let .acceptedOn(range):
            arguments += [QuoteStatus.accepted.rawValue, range.lowerBound.description, range.upperBound.description]
            return "(quote.status = ? AND quote.accepted_on BETWEEN ? AND ?)"
        case let .lastSessionFrom(day):
            arguments += [day.description]
            return "quote.last_session >= ?"
        case let .status(status):
            arguments += [status.rawValue]
            return "quote.status = ?"
        case let .locations(ids):
            guard !ids.isEmpty else { return "0" }
            for id in ids { arguments += [id] }
            return "quote.location IN (" + Array(repeating: "?", count: ids.count).joined(separator: ", ") + ")"
        case let .clientContains(text):
            // ASCII folding only (SQLite's built-in lower() folds A-Z alone); instr, not
            // LIKE, so % and _ are plain characters. The text is folded here and bound.
            guard !text.utf8.contains(0) else { return "0" }
            arguments += [QuoteFilter.asciiLowered(text)]
            return "instr(lower(quote.client), ?) > 0"
        case let .and(filters):
            guard !filters.isEmpty else { return "1" }
            return "(" + filters.map { $0.sql(&arguments) }.joined(separator: " AND ") + ")"
        case let .or(filters):
            guard !filters.isEmpty else { return "0" }
            return "(" + filters.map { $0.sql(&arguments) }.joined(separator: " OR ") + ")"
        }
    }
}
