import Ledger
import Reports

/// The audit trail read and written out: `audit list` and `ledger show`'s history. The
/// same events give the same bytes (no clock, no locale: times are UTC, ISO 8601).
public enum AuditListing {
    /// Events read at a time.
    public static let pageSize = 1_000

    /// The columns, in order, of every format.
    public static let columns = ["id", "time", "action", "actor", "address", "quote", "detail"]

    /// Calls `body` with every event of `store` matching `filter`, in id order, a page at a time.
    public static func forEach(in store: any LedgerStore, matching filter: AuditFilter, pageSize: Int = pageSize,
                               _ body: ([AuditEvent]) throws -> Void) async throws {
        guard let trail = store as? any AuditStore else { return }
        var after: Int64?
        while true {
            let page = try await trail.auditEvents(matching: filter, after: after, limit: pageSize)
            guard let last = page.last else { return }
            try body(page)
            after = last.id
        }
    }

    /// The event's fields as ``columns`` shows them.
    public static func fields(_ e: AuditEvent) -> [String] {
        [String(e.id), e.time, e.action.rawValue, e.actor.description, e.address ?? "", e.quote?.description ?? "", e.detail]
    }

    /// The CSV lines (CRLF) of `events`, after the header when `header`; text a
    /// spreadsheet would run as a formula is neutralized as every CSV output's.
    public static func csv(_ events: [AuditEvent], header: Bool) -> String {
        var text = header ? CSVWriter.line(columns.map { .text($0) }) : ""
        for e in events {
            text += CSVWriter.line([.integer(Int(clamping: e.id))] + fields(e).dropFirst().map { $0.isEmpty ? .empty : .text($0) })
        }
        return text
    }

    /// `events` as one JSON object a line (JSON Lines): id, time, at (Unix seconds),
    /// action, actor_kind, actor, address, quote, location, detail; null for what is absent.
    public static func jsonLines(_ events: [AuditEvent]) -> String {
        var text = ""
        for e in events {
            var parts = ["\"id\":\(e.id)", "\"time\":\(JSONText.quoted(e.time))", "\"at\":\(e.at)",
                         "\"action\":\(JSONText.quoted(e.action.rawValue))", "\"actor_kind\":\(JSONText.quoted(e.actor.kind))"]
            parts.append("\"actor\":" + (e.actor == .clientLink ? "null" : JSONText.quoted(e.actor.name)))
            parts.append("\"address\":" + (e.address.map(JSONText.quoted) ?? "null"))
            parts.append("\"quote\":" + (e.quote.map { JSONText.quoted($0.description) } ?? "null"))
            parts.append("\"location\":" + (e.location.map(JSONText.quoted) ?? "null"))
            parts.append("\"detail\":" + JSONText.quoted(e.detail))
            text += "{" + parts.joined(separator: ",") + "}\n"
        }
        return text
    }
}
