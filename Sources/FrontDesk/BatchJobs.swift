import Foundation
import Ledger
import Synchronization
import Workflows

/// The web's batches, in this server's memory: each job's folder is private (0700) under
/// the system's temporary folder. A finished job is kept ``keep`` seconds, then removed
/// with its folder; every folder is removed when the server stops (``removeAll()``).
/// Another server over the same ledger does not know this one's jobs.
final class BatchJobs: Sendable {
    /// How long a finished job's results stay, in seconds.
    static let keep: Int64 = 3600
    /// Batches running at once on this server; one more is refused (429) until one ends.
    static let maxRunning = 4

    private let jobs = Mutex<[String: BatchJob]>([:])

    /// A new job's id (``Secret/token(bytes:)``, 192 random bits) and its empty private
    /// folder; the job is made and listed (``add(_:at:)``) once its upload is in.
    func newFolder() throws -> (id: String, folder: URL) {
        let id = Secret.token(bytes: 24)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spaquote-batch-\(id)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        return (id, folder)
    }

    /// Lists `job`, after removing jobs that ended more than ``keep`` seconds before `now`.
    ///
    /// - Throws: 429 when ``maxRunning`` batches are running.
    func add(_ job: BatchJob, at now: Int64) throws(FrontDeskError) {
        removeExpired(at: now)
        try jobs.withLock { jobs throws(FrontDeskError) in
            guard jobs.values.count(where: { $0.ended == nil }) < Self.maxRunning else {
                throw FrontDeskError(.tooManyRequests, "\(Self.maxRunning) batches are running on this server; try again when one has ended",
                                     retryAfter: 10)
            }
            jobs[job.id] = job
        }
    }

    /// Forgets the jobs that ended more than ``keep`` seconds before `now`, and removes their folders.
    func removeExpired(at now: Int64) {
        let expired = jobs.withLock { jobs in
            let old = jobs.values.filter { $0.ended.map { now - $0 > Self.keep } ?? false }
            for job in old { jobs.removeValue(forKey: job.id) }
            return old
        }
        for job in expired { job.removeFolder() }
    }

    /// The job `id` if `account` may see it (it started it, or it is an admin), else nil
    /// (an unknown id and another account's answer alike).
    func job(_ id: String, for account: Account) -> BatchJob? {
        guard let job = jobs.withLock({ $0[id] }), job.owner == account.name || account.role == .admin else { return nil }
        return job
    }

    /// Whether a listed batch is still running.
    var anyRunning: Bool { jobs.withLock { $0.values.contains { $0.ended == nil } } }

    /// Forgets every job and removes its folder (the server stops).
    func removeAll() {
        let all = jobs.withLock { jobs in
            defer { jobs.removeAll() }
            return Array(jobs.values)
        }
        for job in all { job.removeFolder() }
    }
}
