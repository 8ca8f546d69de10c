import Pricing

/// What a batch's ``BatchRun/admit`` hook decides for one priced quote: write it (as
/// given back: a ledger gives it its id), or reject its row with a reason.
public enum Admission: Sendable, Equatable {
    /// Write this quote (the one handed in, with the ledger's id when it was saved).
    case write(Quote)
    /// Reject the row instead, for this reason (the rejects file's `error`).
    case reject(String)
}
