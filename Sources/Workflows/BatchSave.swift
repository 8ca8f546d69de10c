import Foundation
import Ledger
import Pricing
import Reports

/// `batch --save`: a batch run (``BatchRun``) whose every quote is saved into a ledger,
/// all or nothing, with the outputs.
///
/// The quotes go through one ``SaveSession`` on the store, a chunk (``BatchRun/batchSize``
/// rows) at a time, from the batch's writer thread: each gets the ledger's id before it
/// is written, and a row whose `request_id` the ledger already holds from a requests
/// file (any file, saved from any machine) is rejected instead. The session commits once
/// both outputs are complete, just before they move into place; any failure (a bad
/// output, a full disk, a lost database connection) rolls it back: nothing of the batch
/// is saved and no output is left.
///
/// The quotes' source is ``QuoteSource/requestsFile(name:)`` with the requests file's
/// name without its folders (kept for the record; rows are identified by `request_id`).
public struct BatchSave {
    /// The batch; its ``BatchRun/ledger`` is set by ``run()``.
    public var batch: BatchRun
    public let store: any LedgerStore
    /// Records the saved batch in the audit trail (one event with its counts) once committed.
    public var audit: AuditRecording?

    public init(_ batch: BatchRun, into store: any LedgerStore, audit: AuditRecording? = nil) {
        self.batch = batch
        self.store = store
        self.audit = audit
    }

    /// Where the quotes are saved from: the requests file's name, without its folders.
    public var source: QuoteSource {
        .requestsFile(name: URL(fileURLWithPath: batch.requestsPath).lastPathComponent)
    }

    /// Runs the batch on the calling thread, which waits for the ledger (``Blocking``):
    /// call it from a thread of its own (the command line's main thread), never from a
    /// task of Swift's cooperative pool; async callers use ``run()``.
    public func runBlocking() throws -> BatchSummary {
        let store = store
        let handle = SessionHandle(try Blocking.run { try await SaveSession(store) })
        var batch = batch
        let source = source
        batch.ledger = SessionLedger(handle: handle, source: source, rateCardHash: batch.card.contentHash)
        do {
            let summary = try batch.run()
            if let audit {
                let detail = "saved \(summary.quoted) quote\(summary.quoted == 1 ? "" : "s") of \(summary.rows) row\(summary.rows == 1 ? "" : "s")"
                    + " (\(summary.rejected) rejected) from \(source.storedName)"
                Blocking.run { await audit.record(.batchSaved, detail: detail, in: store) }
            }
            return summary
        } catch {
            Blocking.run { await handle.session.rollback() }   // a no-op once committed
            throw error
        }
    }

    /// Runs the batch on a thread of its own (the batch reads, prices and writes files
    /// synchronously) and returns its summary.
    public func run() async throws -> BatchSummary {
        let job = UncheckedJob(self)
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try job.save.runBlocking() }) }
            thread.start()
        }
    }
}

/// The batch's session, handed between the thread that runs the batch and its writer
/// thread: one of them at a time drives it (the writer thread while the batch runs, the
/// other before it starts and after it ends), as ``SaveSession`` requires.
private final class SessionHandle: @unchecked Sendable {
    let session: SaveSession
    init(_ session: SaveSession) { self.session = session }
}

/// The batch's ledger: each chunk saved through the session, committed with the outputs.
private struct SessionLedger: BatchLedger {
    let handle: SessionHandle
    let source: QuoteSource
    let rateCardHash: String

    func admit(_ quotes: [Quote], lines: [Int]) throws -> [Admission] {
        let outcomes = try Blocking.run { [handle, source, rateCardHash] in
            try await handle.session.save(quotes, from: source, lines: lines.map { Optional($0) }, rateCardHash: rateCardHash)
        }
        return outcomes.map { outcome in
            switch outcome {
            case let .saved(quote): .admitted(quote)
            case .repeated: .refused(reason: outcome.refusal ?? "not saved")
            }
        }
    }

    func commit() throws { try Blocking.run { [handle] in try await handle.session.commit() } }
}

/// A batch save handed to the thread that runs it, and used there alone.
private final class UncheckedJob: @unchecked Sendable {
    let save: BatchSave
    init(_ save: BatchSave) { self.save = save }
}
