import Ledger
import Pricing
import PostgresNIO

/// A ``QuoteFilter`` as a PostgreSQL condition: the SQL names columns and operators only;
/// every value (dates, statuses, locations) is a bound parameter.
struct FilterSQL {
    var sql = ""
    var binds = PostgresBindings()

    init(_ filter: QuoteFilter) {
        append(filter)
    }

    private mutating func bind(_ text: String) -> String {
        binds.append(text)
        return "$\(binds.count)"
    }

    private mutating func append(_ filter: QuoteFilter) {
        switch filter {
        case .all:
            sql += "TRUE"
        case let .quoteDate(range):
            sql += "(quote_date BETWEEN \(bind(range.lowerBound.description)) AND \(bind(range.upperBound.description)))"
        case let .acceptedOn(range):
            sql += "(status = \(bind(QuoteStatus.accepted.rawValue)) AND accepted_on BETWEEN \(bind(range.lowerBound.description))"
            sql += " AND \(bind(range.upperBound.description)))"
        case let .lastSessionFrom(day):
            sql += "(last_session >= \(bind(day.description)))"
        case let .status(status):
            sql += "(status = \(bind(status.rawValue)))"
        case let .locations(ids):
            binds.append(ids)
            sql += "(location = ANY($\(binds.count)))"
        case let .clientContains(text):
            // ASCII folding only, by translate (lower() would follow the database's
            // locale); strpos, not LIKE, so % and _ are plain characters. PostgreSQL text
            // cannot hold U+0000, and no stored name does: such a text matches nothing.
            guard !text.utf8.contains(0) else { sql += "FALSE"; return }
            let upper = bind("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), lower = bind("abcdefghijklmnopqrstuvwxyz")
            sql += "(strpos(translate(client, \(upper), \(lower)), \(bind(QuoteFilter.asciiLowered(text)))) > 0)"
        case let .and(filters):
            join(filters, with: " AND ", empty: "TRUE")
        case let .or(filters):
            join(filters, with: " OR ", empty: "FALSE")
        }
    }

    private mutating func join(_ filters: [QuoteFilter], with op: String, empty: String) {
        guard !filters.isEmpty else { sql += empty; return }
        sql += "("
        for (i, f) in filters.enumerated() {
            if i > 0 { sql += op }
            append(f)
        }
        sql += ")"
    }

    /// `SELECT columns FROM quote WHERE filter [AND id > after] ORDER BY id LIMIT limit`.
    static func page(columns: [String], filter: QuoteFilter, after: QuoteNumber?, limit: Int) -> PostgresQuery {
        page(select: columns.joined(separator: ", "), filter: filter, after: after, limit: limit)
    }

    /// `SELECT select FROM quote WHERE filter [AND id > after] ORDER BY id LIMIT limit`.
    static func page(select: String, filter: QuoteFilter, after: QuoteNumber?, limit: Int) -> PostgresQuery {
        page(filter: filter, after: after, limit: limit) { condition, limit in
            "SELECT " + select + " FROM quote WHERE " + condition + " ORDER BY id LIMIT " + limit
        }
    }

    /// The query `sql` makes of the page's condition (`filter [AND id > after]`) and the
    /// placeholder of its limit, with their values bound.
    static func page(filter: QuoteFilter, after: QuoteNumber?, limit: Int,
                     _ sql: (_ condition: String, _ limit: String) -> String) -> PostgresQuery {
        var f = FilterSQL(filter)
        var condition = f.sql
        if let after {
            f.binds.append(after.rowID)
            condition += " AND id > $\(f.binds.count)"
        }
        f.binds.append(Int64(max(0, limit)))
        return PostgresQuery(unsafeSQL: sql(condition, "$\(f.binds.count)"), binds: f.binds)
    }
}
