import Platform
import CPangoCairo
import Pricing

/// A batch's client quotes (`batch --client-quotes DIR`): one PDF per quote, named
/// `QUOTE_ID.pdf`, for mailing.
///
/// All or nothing, like the batch's other outputs: the PDFs are written into a hidden
/// staging folder inside DIR (`.spaquote-client-quotes.tmp-XXXXXX`, held under an
/// exclusive `flock` while the batch runs), synced once, and moved into DIR by
/// `rename(2)` only when the whole batch has succeeded (after the ledger has committed);
/// a failed batch removes the staging folder. A PDF replaces a file of the same name in
/// DIR, unless that file is one of the batch's inputs. A run that is killed leaves its
/// staging folder, which the next batch on DIR removes (``removeLeftovers(in:)``).
public final class ClientQuoteFolder {
    /// DIR, as given (messages name it).
    public let folder: String
    /// The staging folder inside it.
    let staging: String
    private let stagingDescriptor: Int32
    private var workers: ClientQuoteWorkers?
    private let protected: Set<FileIdentity>
    private var finished = false

    static let stagingPrefix = ".spaquote-client-quotes.tmp-"

    /// Starts the client quotes in `folder`, which must exist, for `clinic`'s letterhead;
    /// no PDF may replace a file of `inputs`.
    /// - Throws: ``ReportError/cannotWrite(path:reason:)`` when `folder` is missing, not
    ///   a folder or not writable; ``ReportError/cannotRead(path:reason:)`` for the logo.
    public init(folder: String, clinic: ClinicDetails?, inputs: [String] = []) throws(ReportError) {
        self.folder = folder
        var st = stat()
        guard stat(folder, &st) == 0 else {
            throw .cannotWrite(path: folder, reason: "the client quotes folder: \(ReportError.systemMessage(errno)); create it first")
        }
        guard st.st_mode & S_IFMT == S_IFDIR else {
            throw .cannotWrite(path: folder, reason: "the client quotes folder is not a folder; name a folder for the PDFs")
        }
        let renderers = try (0..<Self.threads).map { _ throws(ReportError) in try ClientQuoteRenderer(clinic: clinic) }
        protected = Set(inputs.map { FileIdentity(path: $0) })
        var template = Array(OutputPath.join(folder, Self.stagingPrefix + "XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw .cannotWrite(path: folder, reason: ReportError.systemMessage(errno))
        }
        staging = String(cString: made)
        stagingDescriptor = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard stagingDescriptor >= 0 else {
            let reason = ReportError.systemMessage(errno)
            rmdir(staging)
            throw .cannotWrite(path: folder, reason: reason)
        }
        _ = flock(stagingDescriptor, LOCK_EX)
        let descriptor = stagingDescriptor, folder = folder
        workers = ClientQuoteWorkers(renderers: renderers) { renderer, quote throws(ReportError) in
            try ClientQuoteFolder.write(quote, with: renderer, into: descriptor, folder: folder)
        }
    }

    /// The threads that draw the PDFs: one per core of this 2-core machine's kind; the
    /// batch's own two threads (reading and pricing, writing the quotes) take little.
    static let threads = 2

    /// Hands `quote` to the drawing threads, which write it as `QUOTE_ID.pdf` into the
    /// staging folder.
    /// - Throws: the first error of a PDF drawn so far (``ReportError`` naming the PDF:
    ///   cairo failed, the quote does not fit on one page, the disk is full, or two quotes
    ///   have the same id).
    public func add(_ quote: Quote) throws(ReportError) {
        try workers?.submit(quote)
    }

    /// Draws `quote` with `renderer` and writes it into the staging folder `descriptor`.
    static func write(_ quote: Quote, with renderer: ClientQuoteRenderer, into descriptor: Int32, folder: String) throws(ReportError) {
        let name = quote.quoteID + ".pdf"
        let display = OutputPath.join(folder, name)
        let bytes = try renderer.render(quote, displayPath: display)
        let fd = openat(descriptor, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o666)
        guard fd >= 0 else {
            let reason = errno == EEXIST ? "two quotes of the batch have the id \(quote.quoteID)" : ReportError.systemMessage(errno)
            throw .cannotWrite(path: display, reason: reason)
        }
        defer { LibC.close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { LibC.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: display, reason: ReportError.systemMessage(errno))
            }
            offset += n
        }
    }

    /// Waits for the drawing threads, then syncs every PDF written to the disk (once for all of them).
    public func close() throws(ReportError) {
        let running = workers
        workers = nil
        try running?.finish()
        guard syncfs(stagingDescriptor) == 0 else { throw .cannotWrite(path: folder, reason: ReportError.systemMessage(errno)) }
    }

    /// Moves every PDF from the staging folder into the folder, and removes the staging folder.
    /// - Throws: ``ReportError/cannotWrite(path:reason:)`` naming the PDF that could not
    ///   be moved (the staging folder then keeps the rest) or that would replace an input.
    public func commit() throws(ReportError) {
        guard !finished else { return }
        for entry in AtomicFile.entries(of: staging) where entry != Array(".".utf8) && entry != Array("..".utf8) {
            let name = String(decoding: entry, as: UTF8.self)
            let destination = OutputPath.join(folder, name)
            if protected.contains(FileIdentity(path: destination)) {
                throw .cannotWrite(path: destination, reason: "it is an input of the batch; move that input out of the client quotes folder")
            }
            guard renameat(stagingDescriptor, name, AT_FDCWD, destination) == 0 else {
                throw .cannotWrite(path: destination, reason: ReportError.systemMessage(errno))
            }
        }
        finished = true
        rmdir(staging)
        LibC.close(stagingDescriptor)
    }

    /// Removes the staging folder and every PDF in it.
    public func discard() {
        guard !finished else { return }
        finished = true
        let running = workers
        workers = nil
        try? running?.finish()
        Self.removeStaging(staging)
        LibC.close(stagingDescriptor)
    }

    deinit { discard() }
}
