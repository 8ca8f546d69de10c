import Foundation
import Ledger
import Pricing
import Reports
import Workflows

/// Runs a web batch with the libraries `spaquote batch` uses: ``BatchRun`` (with "save",
/// ``BatchSave``), on a thread of its own (the run reads, prices and writes synchronously),
/// writing `quotes.csv`, `quotes.xlsx` and `rejects.csv` into the job's folder.
///
/// A request of a location the account does not work at (``Account/worksAt(_:)``) is
/// rejected with that reason, never priced or saved: the one access rule, row by row.
enum BatchWork {
    /// Runs `job`'s batch to its end and records how it ended (a saved batch in the audit
    /// trail with `audit`: one event, with its counts and the upload's name).
    static func run(_ job: BatchJob, save: Bool, account: Account, desk: Desk, audit: AuditRecording? = nil) async {
        var batch = BatchRun(card: desk.card, requestsPath: job.requestsPath, outputPath: job.path(of: .quotesCSV),
                             rejectsPath: job.path(of: .rejectsCSV), today: desk.clock.today())
        batch.alsoOutputPath = job.path(of: .quotesXLSX)
        batch.refusal = { request in refusal(request, account: account) }
        batch.progress = { rows, _ in job.read(rows: rows) }
        let state: BatchJob.State
        do {
            let summary = save ? try await BatchSave(batch, into: desk.ledger, audit: audit).run() : try await onThread(batch)
            state = .finished(summary, saved: save)
        } catch {
            state = .failed(message(for: error, job: job))
        }
        job.end(state, at: desk.clock.now())
    }

    /// Why `account` may not batch `request`, nil when it may.
    static func refusal(_ request: QuoteRequest, account: Account) -> String? {
        guard !account.worksAt(request.location) else { return nil }
        let yours = account.locations.joined(separator: ", ")
        return "location '\(request.location)': is not one of your locations (\(yours)); a batch holds only requests of yours"
    }

    /// What the manager reads of a batch that stopped: the error of a file they sent, with
    /// the server's folder replaced by the upload's name; never the text of another error.
    static func message(for error: any Error, job: BatchJob) -> String {
        switch error {
        case is ReportError, is PricingError:
            return "\(error)".replacingOccurrences(of: job.requestsPath, with: job.uploadName)
                .replacingOccurrences(of: job.folder.path + "/", with: "")
        default:
            return "the batch could not be run (an internal error); nothing was saved. Try again, or tell the clinic's administrator"
        }
    }

    /// Runs `batch` on a thread of its own, off Swift's cooperative pool.
    private static func onThread(_ batch: BatchRun) async throws -> BatchSummary {
        let box = UncheckedBatch(batch)
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try box.batch.run() }) }.start()
        }
    }
}

/// A batch handed to the thread that runs it, and used there alone.
private final class UncheckedBatch: @unchecked Sendable {
    let batch: BatchRun
    init(_ batch: BatchRun) { self.batch = batch }
}
