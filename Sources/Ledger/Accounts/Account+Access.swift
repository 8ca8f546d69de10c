/// The one access rule (SPEC section 9, issue 12): what an account may do and which
/// quotes it sees. Pages, API routes and commands ask here and nowhere else.
public enum Capability: String, Sendable, CaseIterable {
    /// Price, save, open, accept and decline quotes (at the account's locations).
    case quote
    /// Run batches from a requests file (managers and admins).
    case batches
    /// Monthly revenue reports (managers and admins).
    case reports
    /// Revoke a client's share link (managers and admins).
    case revokeLinks
    /// Add, disable and change accounts, and issue their API tokens (admins).
    case manageAccounts
    /// Read the audit trail (managers: the part ``AuditScope`` gives them; admins: all).
    case readAudit
}

extension Account {
    /// Whether the account (if not disabled) has `capability`.
    public func may(_ capability: Capability) -> Bool {
        guard !disabled else { return false }
        switch capability {
        case .quote: return true
        case .batches, .reports, .revokeLinks, .readAudit: return role == .manager || role == .admin
        case .manageAccounts: return role == .admin
        }
    }

    /// Whether the account works at `location` (an id of the rate card): an admin and an
    /// account without locations work at every one.
    public func worksAt(_ location: String) -> Bool {
        !disabled && (role == .admin || locations.isEmpty || locations.contains(location))
    }

    /// The locations the account sees, nil for every location.
    public var visibleLocations: [String]? {
        role == .admin || locations.isEmpty ? nil : locations
    }

    /// `filter` narrowed to the quotes the account sees (its locations).
    public func visible(_ filter: QuoteFilter) -> QuoteFilter {
        guard let locations = visibleLocations else { return filter }
        return filter == .all ? .locations(locations) : .and([filter, .locations(locations)])
    }
}
