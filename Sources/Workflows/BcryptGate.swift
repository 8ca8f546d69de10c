import Dispatch
import Synchronization

/// How many bcrypt computations run at once (sign-ins, password checks and changes): at
/// most ``width``, each on a Dispatch thread of its own (never Swift's cooperative pool,
/// which bcrypt's deliberately slow work would hold). Further ones wait their turn, first
/// come first served, up to ``queueLimit`` waiting; past that one is refused at once
/// (``BcryptBusy``) rather than queued, so a flood of sign-ins costs the server a bounded
/// amount of CPU and memory. One gate serves a whole server (its ``AccountBook``).
public final class BcryptGate: Sendable {
    /// The most computations run at once.
    public let width: Int
    /// The most computations waiting for a turn.
    public let queueLimit: Int
    /// Called on the computation's thread before each one, inside its turn: a test's
    /// instrument (count what runs at once). Nil in the server.
    let onCompute: (@Sendable () -> Void)?

    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Bool, Never>] = []
        var peak = 0
    }
    private let state = Mutex(State())

    /// A gate letting `width` computations run at once (at least 1) with at most
    /// `queueLimit` waiting (at least 0); `onCompute` runs before each one (tests only).
    public init(width: Int = 2, queueLimit: Int = 32, onCompute: (@Sendable () -> Void)? = nil) {
        self.width = max(1, width); self.queueLimit = max(0, queueLimit); self.onCompute = onCompute
    }

    /// How many run now, how many wait, and the most that ever ran at once.
    public var load: (running: Int, waiting: Int, peak: Int) {
        state.withLock { ($0.running, $0.waiting.count, $0.peak) }
    }

    /// Runs `work` in its turn on a Dispatch thread and returns its result.
    ///
    /// - Throws: ``BcryptBusy`` at once when ``queueLimit`` computations already wait.
    public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws(BcryptBusy) -> T {
        try await enter()
        defer { leave() }
        let hook = onCompute
        return await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                hook?()
                continuation.resume(returning: work())
            }
        }
    }

    private func enter() async throws(BcryptBusy) {
        enum Admission { case now, queued, refused }
        // The decision and the queueing happen under one lock, so no turn is lost.
        let refused = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let admission = state.withLock { s -> Admission in
                if s.running < width {
                    s.running += 1
                    s.peak = max(s.peak, s.running)
                    return .now
                }
                guard s.waiting.count < queueLimit else { return .refused }
                s.waiting.append(continuation)
                return .queued
            }
            switch admission {
            case .now: continuation.resume(returning: false)
            case .refused: continuation.resume(returning: true)
            case .queued: break   // resumed by leave(), which hands over its turn
            }
        }
        if refused { throw BcryptBusy() }
    }

    /// Ends a turn: hands it to the first waiting computation, else frees it.
    private func leave() {
        let next = state.withLock { s -> CheckedContinuation<Bool, Never>? in
            guard !s.waiting.isEmpty else { s.running -= 1; return nil }
            return s.waiting.removeFirst()
        }
        next?.resume(returning: false)
    }
}

/// A bcrypt computation refused because too many already wait (``BcryptGate/queueLimit``):
/// the server answers 503, try again shortly.
public struct BcryptBusy: Error, Sendable, Equatable {
    public init() {}
}
