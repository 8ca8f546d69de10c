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
    /// Called on the batch's writer thread once per chunk of rows (at most
    /// ``batchSize``), with the chunk's priced quotes and their lines, in input order,
    /// before any of them is written; returns one ``Admission`` per quote, in the same
    /// order (a ledger saves them all at once, giving each its id, or refuses a row).
    /// A chunk with no priced quote is not handed over.
    public var admit: ((_ quotes: [Quote], _ lines: [Int]) throws -> [Admission])?
    /// Called once every row is done and before the outputs are moved into place
    /// (the ledger commits its transaction here); an error leaves no output.
    public var beforeCommit: (() throws -> Void)?
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

    /// Rows handed to the writer thread at a time (and to ``admit`` at most).
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
        guard let headerRecord = try reader.next() else {
            throw ReportError.badHeader(path: requestsPath, reason: "the file is empty; it needs a header row naming the columns (request_id, location, tier, areas, sessions, ...)")
        }
        let header = try RequestHeader(headerRecord.fields, path: requestsPath)
        // The output holding the fewest rows (an XLSX), if any has a limit.
        let limited = [outputPath, alsoOutputPath].compactMap { $0 }
            .compactMap { path in quoteRowLimit(forOutput: path).map { (path: path, rows: $0) } }.min { $0.rows < $1.rows }
        let rowLimit = limited?.rows, limitedPath = limited?.path ?? outputPath
        if let rowLimit {
            // Known before the work, not after it: a quick count of the records.
            try CSVRecordCounter.requireDataRows(atMost: rowLimit, in: requestsPath, output: limitedPath)
        }
        var summary = BatchSummary()
        summary.ignoredColumns = header.ignored
        _ = try OutputFormat.of(rejectsPath, allowed: [.csv])   // rejects are CSV, to be fixed and run again
        let quotes = try openQuoteSinks()
        let rejects: CSVFile
        do {
            rejects = try CSVFile(path: rejectsPath)
        } catch {
            quotes.discard()
            throw error
        }
        rejects.write(header.rejectNames.map(Cell.text))
        // Reading and parsing stay on this thread; a second thread admits (the ledger) and
        // writes, in input order. Pricing goes to the writer thread, or stays here when a
        // ledger or a workbook gives the writer thread more to do: whichever balances the two.
        let card = card, today = today, admit = admit, clientQuotes = clientQuotes
        let priceHere = admit != nil || quotes.writingOutweighsPricing || clientQuotes != nil
        let counts = WriterCounts()
        let writer = WriterThread { items in
            func reject(_ fields: [String], _ line: Int, _ message: String) {
                rejects.write { e in
                    for f in fields { e.text(f) }
                    e.integer(line)
                    e.text(message)
                }
                counts.rejected += 1
            }
            // Price the chunk, then admit its quotes at once, then write every row in input order.
            var outcomes = WriterThread.price(items, card: card, today: today, sink: quotes)
            if let admit { try WriterThread.admit(&outcomes, with: admit) }
            for outcome in outcomes {
                switch outcome {
                case let .quote(quote, _, _):
                    try quotes.add(quote)
                    try clientQuotes?.add(quote)
                    counts.quoted += 1
                case let .reject(fields, line, message): reject(fields, line, message)
                }
            }
        }
        do {
            var seen = RequestIDSet()
            var batch: [WriterThread.Item] = []
            batch.reserveCapacity(BatchRun.batchSize)
            let progress = Progress(report: self.progress, path: requestsPath)
            while let record = try reader.next() {
                summary.rows += 1
                if let rowLimit, summary.rows > rowLimit {
                    // Not counted before (a pipe), or grown since: stop at the first row too many.
                    throw ReportError.tooManyRows(path: requestsPath, rows: summary.rows, limit: rowLimit, output: limitedPath)
                }
                progress.update(rows: summary.rows, bytes: reader.bytesRead)
                func reject(_ message: String) {
                    batch.append(.reject(fields: header.rejectFields(record), line: record.line, message: message))
                }
                if let problem = header.problem(with: record) {
                    reject(problem)
                } else {
                    do {
                        let request = try QuoteRequest(fields: header.fields(record))
                        if !seen.insert(request.requestID) {
                            reject("request_id '\(request.requestID)': repeats an earlier row; give each request its own id")
                        } else if let refused = refusal?(request) {
                            reject(refused)
                        } else if !priceHere {
                            batch.append(.request(request, fields: header.rejectFields(record), line: record.line))
                        } else {
                            let quote = try QuoteEngine.quote(request, card: card, today: today)
                            if let problem = quotes.problem(with: quote) {
                                reject(problem)   // a limit of the output's format, naming the field
                            } else {
                                batch.append(.priced(quote, fields: header.rejectFields(record), line: record.line))
                            }
                        }
                    } catch {
                        reject("\(error)")   // a PricingError naming the field and value
                    }
                }
                if batch.count >= BatchRun.batchSize {
                    try writer.send(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            try writer.send(batch)
            try writer.finish()
            summary.quoted += counts.quoted
            summary.rejected += counts.rejected   // every rejected row, counted where it is written
            progress.finish(rows: summary.rows)
            // Both outputs complete first (a full disk shows here), then the ledger commits,
            // then both move into place: an error before the renames leaves no output and
            // nothing saved.
            try quotes.close()
            try rejects.close()
            try clientQuotes?.close()
            try beforeCommit?()
            try quotes.commit()
            try rejects.commit()
            try clientQuotes?.commit()
        } catch {
            try? writer.finish()
            quotes.discard()
            rejects.discard()
            clientQuotes?.discard()
            throw error
        }
        return summary
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

/// What the writer thread priced: read by the reading thread only after the writer
/// thread has ended (``WriterThread/finish()`` joins it).
final class WriterCounts: @unchecked Sendable {
    var quoted = 0
    var rejected = 0
}
