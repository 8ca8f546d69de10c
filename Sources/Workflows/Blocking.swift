import Dispatch

/// Runs async library code from a thread that is not part of Swift concurrency: the
/// command line's main thread, or a batch's writer thread (a plain POSIX thread).
///
/// The calling thread waits on a semaphore while a detached task runs the work on
/// Swift's cooperative pool. It must therefore **never be called from a task of that
/// pool** (an `async` function, a `Task`, a test function of Swift Testing): the waiting
/// thread would be one the work may need, and with a small pool the process would hang.
/// Async callers call the async API directly.
public enum Blocking {
    /// Runs `body` to completion and returns its result, or throws its error.
    public static func run<T>(_ body: sending @escaping () async throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Task.detached {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// Runs `body`, which does not throw, to completion and returns its result.
    public static func run<T>(_ body: sending @escaping () async -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Task.detached {
            box.result = .success(await body())
            done.signal()
        }
        done.wait()
        return try! box.result!.get()   // never a failure: `body` does not throw
    }
}

/// The result handed from the task to the waiting thread: written by the task before it
/// signals the semaphore, read by the thread after the wait returns (the semaphore
/// orders the two), so the box needs no lock.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
