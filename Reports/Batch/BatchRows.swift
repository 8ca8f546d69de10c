import Pricing

/// The reading half of a batch: turns each data record into a ``BatchItem``, a request
/// to price (or a quote priced here), or a row rejected with its reason: a malformed
/// record, a request the engine cannot read, a repeated `request_id`, or one the caller
/// refuses (``BatchRun/refusal``).
struct BatchRows {
    let header: RequestHeader
    let refusal: ((QuoteRequest) -> String?)?
    /// Prices on the reading thread (nil: the writer thread prices).
    let pricer: BatchPricer?
    private var seen = RequestIDSet()

    init(header: RequestHeader, refusal: ((QuoteRequest) -> String?)?, pricer: BatchPricer?) {
        self.header = header
        self.refusal = refusal
        self.pricer = pricer
    }

    /// The record's item, in the rejects file's terms for a rejected row.
    mutating func item(for record: CSVRecord) -> BatchItem {
        func reject(_ message: String) -> BatchItem {
            .reject(fields: header.rejectFields(record), line: record.line, message: message)
        }
        if let problem = header.problem(with: record) { return reject(problem) }
        let request: QuoteRequest
        do {
            request = try QuoteRequest(fields: header.fields(record))
        } catch {
            return reject("\(error)")   // a PricingError naming the field and value
        }
        if !seen.insert(request.requestID) {
            return reject("request_id '\(request.requestID)': repeats an earlier row; give each request its own id")
        }
        if let refused = refusal?(request) { return reject(refused) }
        guard let pricer else { return .request(request, fields: header.rejectFields(record), line: record.line) }
        switch pricer.price(request) {
        case let .success(quote): return .priced(quote, fields: header.rejectFields(record), line: record.line)
        case let .failure(rejection): return reject(rejection.message)
        }
    }
}
