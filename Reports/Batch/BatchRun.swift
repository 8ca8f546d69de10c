import Pricing

/// What a batch did: every data row is either quoted or rejected.
public struct BatchSummary: Sendable, Equatable {
    public var rows = 0
    public var quoted = 0
    public var rejected = 0
    /// Header columns spaquote does not know (ignored, with one warning).
    public var ignoredColumns: [String] = []
}

/// A batch run (SPEC section 5): reads the requests CSV as a stream, prices each row,
/// and writes each to exactly one of the quotes output or the rejects CSV, in input order.
public struct BatchRun {
    public var card: RateCard
    public var requestsPath: String
    public var outputPath: String
    public var rejectsPath: String
    /// "Today" for rows without a `quote_date`.
    public var today: LocalDate
    /// Called with the rows read so far and the percent of the file, at most every 0.1 s
    /// (the caller draws it; nil: no progress).
    public var progress: ((_ rows: Int, _ percent: Int) -> Void)?
    /// Where the batch's quotes are saved before they are written (`batch --save`), or
    /// nil: a chunk at a time on the writer thread, committed just before the outputs
    /// move into place (``BatchLedger``).
    public var ledger: (any BatchLedger)?
    /// Where each quote written also goes as a client PDF (`--client-quotes`), or nil;
    /// committed with the other outputs, discarded with them.
    public var clientQuotes: ClientQuoteFolder?
    /// A second quotes output (another format: the web front desk writes both CSV and
    /// XLSX), written with the same rows, committed and discarded with the first; nil: none.
    /// A row either output cannot hold is rejected from both.
    public var alsoOutputPath: String?
    /// Why the caller may not run `request` (the web's rule of the account's locations),
    /// or nil: a request it refuses is rejected with that reason, and never priced or saved.
    public var refusal: ((QuoteRequest) -> String?)?

    public init(card: RateCard, requestsPath: String, outputPath: String, rejectsPath: String? = nil, today: LocalDate) {
        self.card = card
        self.requestsPath = requestsPath
        self.outputPath = outputPath
        self.rejectsPath = rejectsPath ?? BatchRun.defaultRejectsPath(for: outputPath)
        self.today = today
    }

    /// Rows handed to the writer thread at a time (and to ``BatchLedger/admit(_:lines:)`` at most).
    public static let batchSize = 512

    /// `out.csv` -> `out.rejects.csv`, `out.xlsx` -> `out.rejects.csv`.
    public static func defaultRejectsPath(for output: String) -> String {
        let ext = fileExtension(output)
        let stem = ext.isEmpty ? output : String(output.dropLast(ext.count + 1))
        return stem + ".rejects.csv"
    }

    /// Runs the batch. Both outputs are written, or neither (an error leaves no file).
    public func run() throws -> BatchSummary {
        let reader = try CSVReader(path: requestsPath)
        let header = try readHeader(reader)
        let limit = try checkRowLimit()
        let outputs = try openOutputs(header: header)
        var summary = BatchSummary()
        summary.ignoredColumns = header.ignored
        // Reading and parsing stay on this thread; a second thread admits (the ledger) and
        // writes, in input order. Pricing goes where the configuration says it balances the two.
        let pricer = BatchPricer(card: card, today: today, sink: outputs.quotes)
        let writer = WriterThread<[BatchItem]> { [ledger] items in
            var outcomes = pricer.price(items)
            try ledger?.admit(&outcomes)
            try outputs.write(outcomes)
        }
        do {
            var rows = BatchRows(header: header, refusal: refusal, pricer: pricesWhileReading ? pricer : nil)
            let progress = Progress(report: self.progress, path: requestsPath)
            summary.rows = try send(reader, through: &rows, to: writer, limit: limit, progress: progress)
            try writer.finish()
            (summary.quoted, summary.rejected) = outputs.counts   // every row, counted where it is written
            progress.finish(rows: summary.rows)
            // Every output complete first (a full disk shows here), then the ledger commits,
            // then they move into place: an error before the renames leaves no output and
            // nothing saved.
            try outputs.close()
            try ledger?.commit()
            try outputs.commit()
        } catch {
            try? writer.finish()
            outputs.discard()
            throw error
        }
        return summary
    }

    /// Reads every data record into items and hands them to `writer` a chunk
    /// (``batchSize`` rows) at a time; returns the rows read.
    func send(_ reader: CSVReader, through rows: inout BatchRows, to writer: WriterThread<[BatchItem]>,
              limit: RowLimit?, progress: Progress) throws -> Int {
        var count = 0
        var batch: [BatchItem] = []
        batch.reserveCapacity(BatchRun.batchSize)
        while let record = try reader.next() {
            count += 1
            if let limit, count > limit.rows {
                // Not counted before (a pipe), or grown since: stop at the first row too many.
                throw ReportError.tooManyRows(path: requestsPath, rows: count, limit: limit.rows, output: limit.output)
            }
            progress.update(rows: count, bytes: reader.bytesRead)
            batch.append(rows.item(for: record))
            if batch.count >= BatchRun.batchSize {
                try writer.send(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try writer.send(batch)
        return count
    }

    /// Whether the reading thread prices (a ledger, client PDFs or a workbook give the
    /// writer thread more to do than pricing: libxlsxwriter's work per row is several
    /// times the engine's), or leaves pricing to the writer thread.
    var pricesWhileReading: Bool {
        ledger != nil || clientQuotes != nil
            || [outputPath, alsoOutputPath].contains { $0.map { OutputFormat(extensionOf: $0) == .xlsx } ?? false }
    }
}

extension BatchRun {
    /// The quotes output, and with ``alsoOutputPath`` the second one beside it.
    func openQuoteSinks() throws -> QuoteSink {
        let first = try openQuoteSink(path: outputPath, card: card, created: today)
        guard let alsoOutputPath else { return first }
        do {
            return TeeQuoteSink(first, try openQuoteSink(path: alsoOutputPath, card: card, created: today))
        } catch {
            first.discard()
            throw error
        }
    }
}

