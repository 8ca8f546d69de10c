import Synchronization

/// Answers of lookups made at every web request (an API token's account, a session, an
/// account by name), each kept with the ledger's generation read before it was looked up,
/// and given again only while the generation is unchanged: the SQLite store's file change
/// counter (any commit, from any process), the PostgreSQL store's count of the
/// notifications its triggers send when accounts, tokens or sessions change. A revoked
/// token or a disabled account is refused at the next request after the change is seen.
public final class LookupCache<Value: Sendable>: Sendable {
    /// The most answers kept; past it the cache starts afresh.
    public static var capacity: Int { 4_096 }

    public init() {}

    private let state = Mutex<(generation: UInt32, answers: [String: Value])>((0, [:]))

    /// The answer kept for `key` if the ledger is unchanged since (`generation` is the one now).
    public func answer(_ key: String, generation: UInt32) -> Value? {
        state.withLock { $0.generation == generation ? $0.answers[key] : nil }
    }

    /// Keeps `value` for `key`, looked up after the generation read was `generation`.
    public func keep(_ value: Value, for key: String, generation: UInt32) {
        state.withLock { state in
            if state.generation != generation || state.answers.count >= Self.capacity { state = (generation, [:]) }
            state.answers[key] = value
        }
    }

    /// `read`'s answer for `key`: the one kept while the ledger is still at `generation`
    /// (the generation read now, before any lookup; nil when it cannot be known, and then
    /// nothing is kept), else read and kept. Answers of nil are not kept.
    public func value(_ key: String, generation: UInt32?, _ read: () async throws -> Value?) async throws -> Value? {
        guard let generation else { return try await read() }
        if let kept = answer(key, generation: generation) { return kept }
        let found = try await read()
        if let found { keep(found, for: key, generation: generation) }
        return found
    }
}
