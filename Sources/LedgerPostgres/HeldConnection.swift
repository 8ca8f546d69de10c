import Ledger
import PostgresNIO

/// One connection of a `PostgresClient`'s pool, held across several calls (a save
/// transaction spans many): a task leases it and runs the jobs given to it, one at a
/// time, in the order given, until ``release()``.
///
/// ``submit(_:)`` gives a job without waiting for it (a COPY runs on the server while the
/// next rows are encoded); ``run(_:)`` waits for its result.
final class HeldConnection: Sendable {
    typealias Job = @Sendable (Result<PostgresConnection, any Error>) async -> Void

    private let jobs: AsyncStream<Job>.Continuation
    private let task: Task<Void, Never>

    /// Leases a connection of `client` (the lease is made by the first job).
    init(client: PostgresClient) {
        let (stream, jobs) = AsyncStream<Job>.makeStream()
        self.jobs = jobs
        task = Task {
            do {
                try await client.withConnection { connection in
                    for await job in stream { await job(.success(connection)) }
                }
            } catch {
                // No connection (or it failed outside a job): every job left fails with it.
                for await job in stream { await job(.failure(error)) }
            }
        }
    }

    /// Runs `body` on the connection after the jobs given before, and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let given = jobs.yield { connection in
                do { continuation.resume(returning: try await body(Self.open(connection))) } catch { continuation.resume(throwing: error) }
            }
            if case .terminated = given { continuation.resume(throwing: Released()) }
        }
    }

    /// Gives `body` to run after the jobs given before, without waiting: the returned
    /// ``Pending`` tells how it ended.
    func submit(_ body: @escaping @Sendable (PostgresConnection) async throws -> Void) -> Pending {
        let pending = Pending()
        let given = jobs.yield { connection in
            do { try await body(Self.open(connection)); pending.finish(nil) } catch { pending.finish(error) }
        }
        if case .terminated = given { pending.finish(Released()) }
        return pending
    }

    /// The connection, unless it failed or is closed: postgres-nio never answers a query
    /// written to a closed connection, so none is.
    private static func open(_ connection: Result<PostgresConnection, any Error>) throws -> PostgresConnection {
        let c = try connection.get()
        if c.isClosed { throw Lost() }
        return c
    }

    /// The connection to the server was lost (closed by the server, the network or a crash).
    struct Lost: Error {}

    /// Gives the connection back to the pool once the jobs given have run.
    func release() async {
        jobs.finish()
        await task.value
    }

    /// Gives the connection back once the jobs given have run, without waiting.
    func releaseLater() {
        jobs.finish()
    }

    /// The job came after ``release()``.
    struct Released: Error {}

    /// A job given with ``submit(_:)``.
    final class Pending: Sendable {
        private let promise = PostgresClient.defaultEventLoopGroup.next().makePromise(of: Void.self)

        func finish(_ error: (any Error)?) {
            if let error { promise.fail(error) } else { promise.succeed() }
        }

        /// Waits for the job; throws its failure.
        func wait() async throws { try await promise.futureResult.get() }
    }
}
