import Ledger
import PostgresNIO
import Synchronization

/// One connection of a `PostgresClient`'s pool, held across several calls (a save
/// transaction spans many): a task leases it and runs the jobs given to it, one at a
/// time, in the order given, until ``release()``.
///
/// ``submit(_:)`` gives a job without waiting for it (a COPY runs on the server while the
/// next rows are encoded); ``run(_:)`` waits for its result.
///
/// A job ends when the connection closes, whatever it was waiting for (postgres-nio does
/// not always answer a query written to a connection the server has just closed), and
/// every later job fails at once with ``Lost``.
final class HeldConnection: Sendable {
    typealias Job = @Sendable (Result<PostgresConnection, any Error>, Watch) async -> Void

    private let jobs: AsyncStream<Job>.Continuation
    private let task: Task<Void, Never>

    /// Leases a connection of `client` (the lease is made by the first job).
    init(client: PostgresClient) {
        let (stream, jobs) = AsyncStream<Job>.makeStream()
        self.jobs = jobs
        task = Task {
            let watch = Watch()
            var failure: any Error = Lost()
            // The pool may still hold a connection the server has just closed: lease another.
            for attempt in 0..<PostgresStore.leaseAttempts {
                do {
                    let served = try await client.withConnection { connection -> Bool in
                        guard !connection.isClosed else { return false }
                        connection.closeFuture.whenComplete { _ in watch.closed() }
                        for await job in stream { await job(.success(connection), watch) }
                        return true
                    }
                    if served { return }
                } catch {
                    failure = error
                    break
                }
                if attempt + 1 < PostgresStore.leaseAttempts { try? await Task.sleep(for: PostgresStore.leaseRetryDelay) }
            }
            // No connection: every job fails with the reason.
            for await job in stream { await job(.failure(failure), watch) }
        }
    }

    /// Runs `body` on the connection after the jobs given before, and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let given = jobs.yield { connection, watch in
                await Self.perform(body, on: connection, watch: watch) { continuation.resume(with: $0) }
            }
            if case .terminated = given { continuation.resume(throwing: Released()) }
        }
    }

    /// Gives `body` to run after the jobs given before, without waiting: the returned
    /// ``Pending`` tells how it ended.
    func submit(_ body: @escaping @Sendable (PostgresConnection) async throws -> Void) -> Pending {
        let pending = Pending()
        let given = jobs.yield { connection, watch in
            await Self.perform(body, on: connection, watch: watch) { pending.finish($0) }
        }
        if case .terminated = given { pending.finish(.failure(Released())) }
        return pending
    }

    /// Gives the connection back to the pool once the jobs given have run.
    func release() async {
        jobs.finish()
        await task.value
    }

    /// Gives the connection back once the jobs given have run, without waiting.
    func releaseLater() {
        jobs.finish()
    }

    /// Runs `body` in a task of its own and hands its result to `deliver`, or ``Lost`` as
    /// soon as the connection closes: the jobs after it never wait on a dead connection.
    private static func perform<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T,
                                             on connection: Result<PostgresConnection, any Error>, watch: Watch,
                                             deliver: @escaping @Sendable (Result<T, any Error>) -> Void) async {
        let c: PostgresConnection
        switch connection {
        case let .failure(error): deliver(.failure(error)); return
        case let .success(connection): c = connection
        }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let once = Once<T> { result in
                deliver(result)
                done.resume()
            }
            watch.begin { once.finish(.failure(Lost())) }
            // A request written to a closed connection is never answered (postgres-nio
            // drops it with its continuation): start none.
            if c.isClosed { once.finish(.failure(Lost())); return }
            Task {
                do { once.finish(.success(try await body(c))) } catch { once.finish(.failure(error)) }
            }
        }
        watch.end()
    }

    /// The job came after ``release()``.
    struct Released: Error {}

    /// The connection to the server was lost (closed by the server, the network or a crash).
    struct Lost: Error {}

    /// Throws ``Lost`` when `connection` has closed: called before each request a job
    /// writes, since postgres-nio drops a request written to a closed connection without
    /// answering it (its caller would wait forever and its continuation leaks).
    static func ensureOpen(_ connection: PostgresConnection) throws {
        if connection.isClosed { throw Lost() }
    }

    /// Whether the connection has closed, and how to end the job under way when it does.
    final class Watch: Sendable {
        private let state = Mutex<(closed: Bool, current: (@Sendable () -> Void)?)>((false, nil))

        /// A job begins; `abort` ends it if the connection closes (at once if it has).
        func begin(_ abort: @escaping @Sendable () -> Void) {
            let closed = state.withLock { s in
                s.current = abort
                return s.closed
            }
            if closed { abort() }
        }

        func end() { state.withLock { $0.current = nil } }

        func closed() {
            let abort = state.withLock { s in
                s.closed = true
                return s.current
            }
            abort?()
        }
    }

    /// A result delivered once, whichever comes first.
    final class Once<T: Sendable>: Sendable {
        private let deliver: Mutex<(@Sendable (Result<T, any Error>) -> Void)?>

        init(_ deliver: @escaping @Sendable (Result<T, any Error>) -> Void) {
            self.deliver = Mutex(deliver)
        }

        func finish(_ result: Result<T, any Error>) {
            let d = deliver.withLock { d in
                defer { d = nil }
                return d
            }
            d?(result)
        }
    }

    /// A job given with ``submit(_:)``.
    final class Pending: Sendable {
        private let promise = PostgresClient.defaultEventLoopGroup.next().makePromise(of: Void.self)

        func finish(_ result: Result<Void, any Error>) {
            promise.completeWith(result)
        }

        /// Waits for the job; throws its failure.
        func wait() async throws { try await promise.futureResult.get() }
    }
}
