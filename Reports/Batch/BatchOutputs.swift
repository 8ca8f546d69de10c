import Pricing

/// The files a batch writes: the quotes output (one or two sinks), the rejects CSV and
/// the client PDFs, written row by row in input order, closed together, then committed
/// together or discarded together. Counts what it wrote (read from any thread).
final class BatchOutputs: @unchecked Sendable {
    let quotes: QuoteSink
    let rejects: CSVFile
    let clientQuotes: ClientQuoteFolder?
    private let lock = ConditionLock()
    private var quotedCount = 0
    private var rejectedCount = 0

    init(quotes: QuoteSink, rejects: CSVFile, clientQuotes: ClientQuoteFolder?) {
        self.quotes = quotes
        self.rejects = rejects
        self.clientQuotes = clientQuotes
    }

    /// Writes each row to the quotes output (and a client PDF) or to the rejects file.
    func write(_ outcomes: [BatchOutcome]) throws {
        var quoted = 0, rejected = 0
        for outcome in outcomes {
            switch outcome {
            case let .quote(quote, _, _):
                try quotes.add(quote)
                try clientQuotes?.add(quote)
                quoted += 1
            case let .reject(fields, line, message):
                rejects.write { e in
                    for f in fields { e.text(f) }
                    e.integer(line)
                    e.text(message)
                }
                rejected += 1
            }
        }
        lock.withLock {
            quotedCount += quoted
            rejectedCount += rejected
        }
    }

    /// Rows written so far: quoted, and rejected.
    var counts: (quoted: Int, rejected: Int) { lock.withLock { (quotedCount, rejectedCount) } }

    /// Completes every file (a full disk shows here); each stays temporary until ``commit()``.
    func close() throws {
        try quotes.close()
        try rejects.close()
        try clientQuotes?.close()
    }

    /// Moves every closed file into place.
    func commit() throws {
        try quotes.commit()
        try rejects.commit()
        try clientQuotes?.commit()
    }

    /// Leaves no file behind.
    func discard() {
        quotes.discard()
        rejects.discard()
        clientQuotes?.discard()
    }
}
