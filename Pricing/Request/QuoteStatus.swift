/// Where a quote stands with the client.
public enum QuoteStatus: String, Sendable, CaseIterable, Equatable {
    /// Given to the client, not yet answered (the default).
    case quoted
    /// The client bought the plan (with an `accepted_on` date).
    case accepted
    /// The client turned it down.
    case declined
}
