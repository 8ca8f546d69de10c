import Foundation
import Reports
import Synchronization

/// A batch a manager started on the web: its unguessable id, its owner, its private
/// folder (the upload and the three outputs) and how far it is. Held in memory only
/// (``BatchJobs``); the id is never a path: the folder is the server's own.
final class BatchJob: Sendable {
    /// How far a batch is.
    enum State: Sendable, Equatable {
        /// Reading and pricing: the data rows read so far.
        case running(rows: Int)
        /// Done: both outputs written; with "save", every quote saved.
        case finished(BatchSummary, saved: Bool)
        /// Stopped with this message (nothing saved, no output).
        case failed(String)
    }

    /// At least 128 random bits, base64url (``Secret/token(bytes:)``).
    let id: String
    /// The account that started it.
    let owner: String
    /// The file name the upload came with (shown, never used as a path).
    let uploadName: String
    let folder: URL
    private let progress = Mutex<(state: State, ended: Int64?)>((.running(rows: 0), nil))

    init(id: String, owner: String, uploadName: String, folder: URL) {
        self.id = id; self.owner = owner; self.uploadName = uploadName; self.folder = folder
    }

    /// The uploaded requests file.
    var requestsPath: String { folder.appendingPathComponent(Self.requestsName).path }

    /// The uploaded file's name in the job's folder (the ledger's `source` of saved quotes).
    static let requestsName = "requests.csv"

    /// The path of an output (`quotes.csv`, `quotes.xlsx`, `rejects.csv`) in the job's folder.
    func path(of output: BatchOutput) -> String { folder.appendingPathComponent(output.rawValue).path }

    var state: State { progress.withLock { $0.state } }

    /// When it ended (Unix seconds), nil while it runs.
    var ended: Int64? { progress.withLock { $0.ended } }

    /// Records the rows read so far (from the batch's reading thread).
    func read(rows: Int) {
        progress.withLock { if case .running = $0.state { $0.state = .running(rows: rows) } }
    }

    /// Records how it ended, at `time` (Unix seconds).
    func end(_ state: State, at time: Int64) {
        progress.withLock { $0 = (state, time) }
    }

    /// Removes the job's folder and everything in it.
    func removeFolder() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// The files a batch writes, by the names the download routes use.
enum BatchOutput: String, Sendable, CaseIterable {
    case quotesCSV = "quotes.csv"
    case quotesXLSX = "quotes.xlsx"
    case rejectsCSV = "rejects.csv"

    var contentType: String {
        self == .quotesXLSX ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8"
    }
}
