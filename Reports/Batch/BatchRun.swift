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
    /// Show a progress line on standard error (only when it is a terminal).
    public var showProgress = false
    /// Called with each quote before it is written; may replace its id (the ledger's) or
    /// return a reason to reject the row instead.
    public var admit: ((inout Quote, _ line: Int) throws -> String?)?
    /// Called once every row is done and before the outputs are moved into place
    /// (the ledger commits its transaction here); an error leaves no output.
    public var beforeCommit: (() throws -> Void)?

    public init(card: RateCard, requestsPath: String, outputPath: String, rejectsPath: String? = nil, today: LocalDate) {
        self.card = card
        self.requestsPath = requestsPath
        self.outputPath = outputPath
        self.rejectsPath = rejectsPath ?? BatchRun.defaultRejectsPath(for: outputPath)
        self.today = today
    }

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
        var summary = BatchSummary()
        summary.ignoredColumns = header.ignored
        let quotes = try openQuoteSink(path: outputPath, card: card, created: today)
        let rejects: CSVFile
        do {
            rejects = try CSVFile(path: rejectsPath)
        } catch {
            quotes.discard()
            throw error
        }
        do {
            rejects.write((header.names + ["line", "error"]).map(Cell.text))
            var seen = Set<String>()
            let progress = Progress(enabled: showProgress, path: requestsPath)
            while let record = try reader.next() {
                summary.rows += 1
                progress.update(rows: summary.rows, bytes: reader.bytesRead)
                func reject(_ message: String) {
                    summary.rejected += 1
                    var fields = record.fields
                    if fields.count < header.names.count { fields += Array(repeating: "", count: header.names.count - fields.count) }
                    rejects.write(fields.prefix(header.names.count).map(Cell.text) + [.integer(record.line), .text(message)])
                }
                if let problem = header.problem(with: record) { reject(problem); continue }
                do {
                    let request = try QuoteRequest(fields: header.fields(record))
                    guard seen.insert(request.requestID).inserted else {
                        reject("request_id '\(request.requestID)': repeats an earlier row; give each request its own id")
                        continue
                    }
                    var quote = try QuoteEngine.quote(request, card: card, today: today)
                    if let admit, let refusal = try admit(&quote, record.line) { reject(refusal); continue }
                    try quotes.add(quote)
                    summary.quoted += 1
                } catch let error as PricingError {
                    reject("\(error)")
                }
            }
            progress.finish(rows: summary.rows)
            try beforeCommit?()
            try quotes.finish()
            try rejects.finish()
        } catch {
            quotes.discard()
            rejects.discard()
            throw error
        }
        return summary
    }
}
