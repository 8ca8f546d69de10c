/// Which audit events to list (``AuditStore/auditEvents(matching:after:limit:)``): every
/// condition given must hold.
public struct AuditFilter: Sendable, Equatable {
    /// Events at or after this time, Unix seconds.
    public var since: Int64?
    /// Events by this user: a front-desk user, or the operating-system user of the
    /// command line, of this exact name.
    public var user: String?
    /// Events about this quote.
    public var quote: QuoteNumber?
    /// What a manager may see; nil for everything (an admin, the command line).
    public var scope: AuditScope?

    public init(since: Int64? = nil, user: String? = nil, quote: QuoteNumber? = nil, scope: AuditScope? = nil) {
        self.since = since; self.user = user; self.quote = quote; self.scope = scope
    }

    /// Every event.
    public static let all = AuditFilter()
}

/// A manager's part of the trail: events about a quote at one of `locations`, and events
/// by one of `users` (front-desk users; the caller lists those sharing a location with the
/// manager, the manager included). Nothing else: not the command line's, not a client's
/// on a quote elsewhere.
public struct AuditScope: Sendable, Equatable {
    public var locations: [String]
    public var users: [String]

    public init(locations: [String], users: [String]) {
        self.locations = locations; self.users = users
    }
}
