import Foundation
import Hummingbird
import Ledger
import Pricing
import Workflows

/// The managers' page of the audit trail, `GET /audit` (``Capability/readAudit``):
/// filters by day, user and quote, a page of ``auditPageSize`` events at a time (after
/// the last id shown). A manager sees the part ``Desk/auditScope(for:)`` gives them; an
/// admin sees everything. Every value is shown through the templates' escaping.
extension RouteTable {
    /// Events a page shows.
    static let auditPageSize = 50

    func addAudit() {
        let desk = desk
        add(.get, "/audit", needs: .capability(.readAudit)) { input in try await Self.auditPage(input, desk: desk) }
    }

    static func auditPage(_ input: RouteInput, desk: Desk) async throws -> Response {
        let caller = try input.signedIn
        var filter = try auditFilter(input)
        filter.scope = try await desk.auditScope(for: caller.account)
        let after = try input.query("after").map { text throws(PricingError) -> Int64 in
            guard let id = Int64(text), id >= 0 else {
                throw .invalidRequest(field: "after", value: text, reason: "is not an event number; follow the page's Next link")
            }
            return id
        }
        var page = try await desk.accounts.auditEvents(matching: filter, after: after, limit: auditPageSize + 1)
        let more = page.count > auditPageSize
        page = Array(page.prefix(auditPageSize))
        var values: [String: Any] = [
            "since": input.query("since") ?? "", "user": input.query("user") ?? "", "quote": input.query("quote") ?? "",
            "rows": page.map(Desk.auditRow),
            "scope": filter.scope == nil ? "You see every event."
                : "You see the events of your locations' quotes and of the users who share a location with you.",
        ]
        if more, let last = page.last { values["next"] = "/audit?" + auditQuery(input, after: last.id) }
        return desk.page("audit", title: "Audit trail", values, caller: caller)
    }

    /// The filter of the page's query: `since` (YYYY-MM-DD, from 00:00 UTC), `user`, `quote`.
    ///
    /// - Throws: ``PricingError/invalidRequest(field:value:reason:)`` (422) naming the field.
    static func auditFilter(_ input: RouteInput) throws(PricingError) -> AuditFilter {
        var filter = AuditFilter(user: input.query("user"))
        if let text = input.query("since") {
            guard let day = LocalDate(iso: text) else { throw .invalidRequest(field: "since", value: text, reason: "is not a real date; write YYYY-MM-DD") }
            filter.since = AuditEvent.seconds(startOf: day)
        }
        if let text = input.query("quote") {
            guard let number = QuoteNumber(text) else {
                throw .invalidRequest(field: "quote", value: text, reason: "is not a quote id; write Q-2026-000123")
            }
            filter.quote = number
        }
        return filter
    }

    /// The page's query string for the events after `after`.
    static func auditQuery(_ input: RouteInput, after: Int64) -> String {
        var items = URLComponents()
        items.queryItems = [("since", input.query("since")), ("user", input.query("user")), ("quote", input.query("quote")),
                            ("after", String(after))]
            .compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        return items.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B") ?? ""
    }
}

extension Desk {
    /// An event as the pages show it.
    static func auditRow(_ e: AuditEvent) -> [String: Any] {
        var row: [String: Any] = ["id": String(e.id), "time": e.time, "action": e.action.rawValue, "actor": e.actor.description,
                                  "address": e.address ?? "", "detail": e.detail]
        if let quote = e.quote { row["quote"] = quote.description }
        return row
    }

    /// The history of `quote` (every event about it, in order) as the quote page shows it.
    /// Whoever sees the quote sees its history.
    func history(of quote: Quote) async throws -> [[String: Any]] {
        guard let number = QuoteNumber(quote.quoteID) else { return [] }
        var rows: [[String: Any]] = []
        try await AuditListing.forEach(in: ledger, matching: AuditFilter(quote: number), pageSize: 200) { page in
            rows += page.map(Self.auditRow)
        }
        return rows
    }
}
