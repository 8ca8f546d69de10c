import Synchronization
import PostgresNIO

/// Tells a PostgreSQL store when accounts, API tokens or sessions change, whichever
/// process or server changed them: the triggers of migration 6 notify the channel
/// ``channel`` at the commit of every change to those tables, and this listens on a
/// connection of the store's pool. Each notification moves ``generation`` on, so what a
/// ``LookupCache`` kept before it is no longer given.
///
/// While not listening (before the first lookup, and whenever the listening connection
/// is lost, until it is back: tried again every second) ``generation`` is nil and nothing
/// is kept. A change is seen when its notification arrives, a few milliseconds after its
/// commit on a local network: a request in between still sees the account as it was.
final class AccountChanges: Sendable {
    /// The channel the triggers notify.
    static let channel = "spaquote_accounts"

    private let state = Mutex<(listening: Bool, generation: UInt32)>((false, 0))
    private let listener = Mutex<Task<Void, Never>?>(nil)

    /// The generation now; nil while not listening (then nothing may be kept).
    var generation: UInt32? {
        state.withLock { $0.listening ? $0.generation : nil }
    }

    /// Starts listening on a connection of `client` (once; later calls do nothing).
    func start(_ client: PostgresClient) {
        listener.withLock { listener in
            guard listener == nil else { return }
            listener = Task { [weak self] in
                while !Task.isCancelled {
                    try? await client.withConnection { connection in
                        try await connection.listen(on: Self.channel) { notifications in
                            self?.listening(true)
                            for try await _ in notifications { self?.changed() }
                        }
                    }
                    self?.listening(false)
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }

    /// Listening begins or ends: either way nothing kept so far is given again.
    private func listening(_ now: Bool) {
        state.withLock { $0 = (now, $0.generation &+ 1) }
    }

    /// A change notified, or one this store made itself (seen at once, without waiting for
    /// its notification).
    func changed() {
        state.withLock { $0.generation &+= 1 }
    }

    /// Stops listening (the store is closing).
    func stop() async {
        let task = listener.withLock { $0 }
        task?.cancel()
        await task?.value
        state.withLock { $0.listening = false }
    }
}
