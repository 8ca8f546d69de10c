import Ledger
import Pricing

/// How an action records itself in the ledger's audit trail: who, when and from where
/// (``stamp``), and what to do when the event cannot be added.
///
/// The event is added right after the action is done (committed). A failure to add it
/// does not undo the action nor turn it into an error: ``failed`` is told (the command
/// line prints a warning, the server logs it) and the action's answer stands, so that a
/// caller told "failed" does not do a completed save again. (An action that did not
/// happen, refused or failed, records nothing here; the web records refused sign-ins
/// itself.)
public struct AuditRecording: Sendable {
    public var stamp: AuditStamp
    /// Called with the error when the event could not be added.
    public var failed: @Sendable (_ event: AuditEvent, _ error: any Error) -> Void

    public init(stamp: AuditStamp, failed: @escaping @Sendable (_ event: AuditEvent, _ error: any Error) -> Void) {
        self.stamp = stamp
        self.failed = failed
    }

    /// Adds `action`'s event (``AuditStamp/event(_:quote:location:detail:)``) to `store`'s
    /// trail; a store keeping no trail, or a failure, goes to ``failed``.
    public func record(_ action: AuditAction, quote: QuoteNumber? = nil, location: String? = nil, detail: String = "",
                       in store: any LedgerStore) async {
        await record(stamp.event(action, quote: quote, location: location, detail: detail), in: store)
    }

    /// Adds `event` to `store`'s trail; a failure goes to ``failed``.
    public func record(_ event: AuditEvent, in store: AnyObject) async {
        guard let trail = store as? any AuditStore else {
            failed(event, LedgerError.database(ledger: (store as? any LedgerStore)?.name ?? "the ledger", reason: "this ledger keeps no audit trail"))
            return
        }
        do { try await trail.appendAudit(event) } catch { failed(event, error) }
    }

    /// Adds `events` to `store`'s trail in one append; a failure goes to ``failed`` for each.
    public func record(_ events: [AuditEvent], in store: AnyObject) async {
        guard let trail = store as? any AuditStore else {
            for event in events { await record(event, in: store) }
            return
        }
        do { try await trail.appendAudit(events) } catch { for event in events { failed(event, error) } }
    }

    /// The event of a saved quote.
    public func recordSaved(_ quote: Quote, in store: any LedgerStore, detail: String = "") async {
        await record(.quoteSaved, quote: QuoteNumber(quote.quoteID), location: quote.request.location, detail: detail, in: store)
    }
}
