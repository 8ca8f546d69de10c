import Foundation
import Hummingbird
import Ledger
import Pricing

extension RouteTable {
    /// The quotes list page: filters, a page of rows, a link to the next page.
    static func listPage(_ input: RouteInput, desk: Desk) async throws -> Response {
        let caller = try input.signedIn, query = try ListQuery(input)
        let (entries, next) = try await desk.list(query.filter, after: query.after,
                                                  limit: query.limit, for: caller)
        let statuses: [[String: Any]] = [["value": "", "label": "Any", "selected": query.status == nil]]
            + QuoteStatus.allCases.map { ["value": $0.rawValue, "label": $0.rawValue, "selected": $0 == query.status] }
        let locations: [[String: Any]] = [["id": "", "name": "Any", "selected": query.location == nil]]
            + desk.card.locations.filter { caller.account.worksAt($0.id) }
                .map { ["id": $0.id, "name": $0.name, "selected": $0.id == query.location] }
        var values: [String: Any] = [
            "month": query.month?.description ?? "", "client": query.client ?? "", "statuses": statuses,
            "locations": locations, "rows": entries.map { QuoteView.row($0.quote) },
        ]
        if let next { values["next"] = "/quotes?" + Self.query(query, after: next) }
        return desk.page("quotes", title: "Quotes", values, caller: caller)
    }

    /// The list's query string for the page after `after`.
    static func query(_ q: ListQuery, after: QuoteNumber) -> String {
        var items = URLComponents()
        items.queryItems = [("month", q.month?.description), ("status", q.status?.rawValue), ("location", q.location),
                            ("client", q.client), ("after", after.description), ("limit", String(q.limit))]
            .compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        return items.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B") ?? ""
    }
}
