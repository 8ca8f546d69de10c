import ServiceLifecycle

/// Removes the web batches' folders: every minute those of jobs ended more than
/// ``BatchJobs/keep`` seconds ago; on graceful shutdown (after the server has stopped
/// taking requests) it waits for running batches to end (a save under way finishes),
/// then removes every job's folder (``BatchJobs/removeAll()``).
struct BatchCleanup: Service {
    let jobs: BatchJobs
    let clock: FrontDeskClock

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(60)) }
            jobs.removeExpired(at: clock.now())
        }
        while jobs.anyRunning { try? await Task.sleep(for: .milliseconds(100)) }
        jobs.removeAll()
    }
}
