import Pricing

/// The most rows a batch may have, and the output whose format sets it.
struct RowLimit: Equatable {
    let rows: Int
    let output: String
}

extension BatchRun {
    /// The header record, read as the request columns.
    func readHeader(_ reader: CSVReader) throws -> RequestHeader {
        guard let headerRecord = try reader.next() else {
            throw ReportError.badHeader(path: requestsPath, reason: "the file is empty; it needs a header row naming the columns (request_id, location, tier, areas, sessions, ...)")
        }
        return try RequestHeader(headerRecord.fields, path: requestsPath)
    }

    /// The limit of the output holding the fewest rows (an XLSX), if any has one.
    var rowLimit: RowLimit? {
        [outputPath, alsoOutputPath].compactMap { $0 }
            .compactMap { path in quoteRowLimit(forOutput: path).map { RowLimit(rows: $0, output: path) } }
            .min { $0.rows < $1.rows }
    }

    /// The row limit, once the input is known to keep it: checked before the work, not
    /// after it, with a quick count of the records.
    func checkRowLimit() throws -> RowLimit? {
        guard let limit = rowLimit else { return nil }
        try CSVRecordCounter.requireDataRows(atMost: limit.rows, in: requestsPath, output: limit.output)
        return limit
    }

    /// Opens the quotes output(s) and the rejects CSV (its header written); an error
    /// leaves no file.
    func openOutputs(header: RequestHeader) throws -> BatchOutputs {
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
        return BatchOutputs(quotes: quotes, rejects: rejects, clientQuotes: clientQuotes)
    }
}
