import Pricing

/// Prices a chunk of a batch's rows: a request becomes a quote, or a rejected row when
/// the engine refuses it (a ``PricingError`` naming the field) or the output's format
/// cannot hold it (``QuoteSink/problem(with:)``). Rows priced or rejected earlier pass
/// through. The same pricer serves the reading thread (one request) and the writer thread
/// (a chunk).
struct BatchPricer {
    let card: RateCard
    let today: LocalDate
    /// The output's limits (a workbook's cell sizes), or nil for none.
    let sink: QuoteSink?

    /// A priced quote, or the row's rejection message.
    func price(_ request: QuoteRequest) -> Result<Quote, BatchRejection> {
        do {
            let quote = try QuoteEngine.quote(request, card: card, today: today)
            if let problem = sink?.problem(with: quote) { return .failure(BatchRejection(message: problem)) }
            return .success(quote)
        } catch {
            return .failure(BatchRejection(message: "\(error)"))   // a PricingError naming the field and value
        }
    }

    /// One row's outcome.
    func price(_ item: BatchItem) -> BatchOutcome {
        switch item {
        case let .request(request, fields, line):
            switch price(request) {
            case let .success(quote): .quote(quote, fields: fields, line: line)
            case let .failure(rejection): .reject(fields: fields, line: line, message: rejection.message)
            }
        case let .priced(quote, fields, line): .quote(quote, fields: fields, line: line)
        case let .reject(fields, line, message): .reject(fields: fields, line: line, message: message)
        }
    }

    /// The chunk's outcomes, in order.
    func price(_ items: [BatchItem]) -> [BatchOutcome] {
        var out: [BatchOutcome] = []
        out.reserveCapacity(items.count)
        for item in items { out.append(price(item)) }
        return out
    }
}

/// Why a row is rejected: the rejects file's `error`.
struct BatchRejection: Error, Equatable {
    let message: String
}
