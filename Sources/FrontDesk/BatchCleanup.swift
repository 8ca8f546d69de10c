import ServiceLifecycle

/// Removes the web batches' folders when the server stops: on graceful shutdown (after
/// the server has stopped taking requests) it waits for running batches to end (a save
/// under way finishes), then removes every job's folder (``BatchJobs/removeAll()``).
struct BatchCleanup: Service {
    let jobs: BatchJobs

    func run() async throws {
        try? await gracefulShutdown()
        while jobs.anyRunning { try? await Task.sleep(for: .milliseconds(100)) }
        jobs.removeAll()
    }
}
