import Ledger
import Pricing
import Workflows

/// The front desk's part of the audit trail: each request that changes the ledger, signs
/// in or out, opens a client link or downloads a report adds its event, by the signed-in
/// user (or the name typed at a sign-in, or ``AuditActor/clientLink``), at the server's
/// clock, from the request's remote address (nil when unknown, as in tests over the router).
///
/// Decision: a web save's events ("quote saved", "link created") are written in the save's
/// own transaction, with the quote and its link (``SaveGroup/Extras``): a quote is never in
/// the ledger without them, and a save answered 2xx has them. Every other event is added
/// right after the action it records has completed; one that cannot be added does not
/// change the answer: the action stands and the failure goes to the server's
/// `onAuditFailure` (`spaquote serve` prints it on standard error).
extension Desk {
    /// The recording of an action by `actor` from `peer` (the request's address), now.
    func recording(_ actor: AuditActor, from peer: String) -> AuditRecording {
        let stamp = AuditStamp(actor: actor, at: clock.now(), address: peer.isEmpty ? nil : peer)
        let report = onAuditFailure
        return AuditRecording(stamp: stamp) { event, error in
            report("audit event \(event.action.rawValue) by \(event.actor) not recorded: \(error)")
        }
    }

    /// The recording of the request's caller (signed in).
    func recording(_ input: RouteInput) throws -> AuditRecording {
        recording(.user(try input.signedIn.account.name), from: input.context.peer)
    }

    /// Adds `action`'s event about `quote` (its id and location) for `input`'s caller.
    func record(_ action: AuditAction, _ quote: Quote?, detail: String = "", input: RouteInput) async throws {
        await record(action, quote, detail: detail, by: try recording(input))
    }

    /// Adds `action`'s event about `quote` with `recording`.
    func record(_ action: AuditAction, _ quote: Quote?, detail: String = "", by recording: AuditRecording) async {
        await recording.record(action, quote: quote.flatMap { QuoteNumber($0.quoteID) }, location: quote?.request.location,
                               detail: detail, in: ledger)
    }

    /// Applies `change` to quote `id` as ``change(_:_:for:)`` does for `input`'s caller,
    /// then records the acceptance or decline.
    func change(_ id: String, _ change: StatusChange, input: RouteInput) async throws -> LedgerEntry {
        let entry = try await self.change(id, change, for: try input.signedIn)
        let r = entry.quote.request
        try await record(r.status == .declined ? .quoteDeclined : .quoteAccepted, entry.quote,
                         detail: r.acceptedOn.map { "accepted on \($0)" } ?? "", input: input)
        return entry
    }

    /// What a manager sees of the trail (``Capability/readAudit``): nil for an admin or an
    /// account of every location (everything); else events about a quote at one of its
    /// locations, and events by a front-desk user sharing one of them (itself included).
    func auditScope(for account: Account) async throws -> AuditScope? {
        guard let locations = account.visibleLocations else { return nil }
        let users = try await accounts.accounts().filter { other in
            other.name == account.name || (!other.locations.isEmpty && other.role != .admin
                                            && other.locations.contains(where: locations.contains))
        }
        return AuditScope(locations: locations, users: users.map(\.name))
    }
}
