import Ledger
import Pricing

/// `quote --save` (and the web front desk's save): one quote saved into a ledger with its
/// output written inside the same save, all or nothing.
public enum QuoteSave {
    /// Saves `quote` into `store` from `source` (never refused as a repeat: a quote saved
    /// one at a time carries no request identity), then calls `write` with the quote as
    /// saved (the ledger's id) before committing: if `write` throws, nothing is saved, so
    /// a rerun does not save the quote twice. Returns the saved quote. With `audit`, the
    /// save is recorded in the audit trail once committed (``AuditRecording``).
    public static func run(_ quote: Quote, into store: any LedgerStore, from source: QuoteSource = .commandLine,
                           rateCardHash: String, audit: AuditRecording? = nil,
                           write: (Quote) throws -> Void = { _ in }) async throws -> Quote {
        let saved = try await SaveSession.run(on: store) { session in
            let outcomes = try await session.save([quote], from: source, lines: [nil], rateCardHash: rateCardHash)
            guard case let .saved(saved)? = outcomes.first else {
                throw LedgerError.database(ledger: store.name, reason: outcomes.first?.refusal ?? "the quote was not saved")
            }
            // The store holds the row before the file names its id.
            try await session.flush()
            try write(saved)
            return saved
        }
        await audit?.recordSaved(saved, in: store)
        return saved
    }
}
