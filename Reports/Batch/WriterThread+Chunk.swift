import Pricing

extension WriterThread {
    /// A row of a chunk once priced: a quote to write, or a row to reject.
    enum Outcome {
        case quote(Quote, fields: [String], line: Int)
        case reject(fields: [String], line: Int, message: String)
    }

    /// Prices the chunk's requests (those priced on the reading thread pass through):
    /// a pricing error, or a limit of the output's format, rejects the row.
    static func price(_ items: [Item], card: RateCard, today: LocalDate, sink: QuoteSink) -> [Outcome] {
        var out: [Outcome] = []
        out.reserveCapacity(items.count)
        for item in items {
            switch item {
            case let .request(request, fields, line):
                do {
                    let quote = try QuoteEngine.quote(request, card: card, today: today)
                    if let problem = sink.problem(with: quote) {
                        out.append(.reject(fields: fields, line: line, message: problem))
                    } else {
                        out.append(.quote(quote, fields: fields, line: line))
                    }
                } catch {
                    out.append(.reject(fields: fields, line: line, message: "\(error)"))   // a PricingError naming the field
                }
            case let .priced(quote, fields, line): out.append(.quote(quote, fields: fields, line: line))
            case let .reject(fields, line, message): out.append(.reject(fields: fields, line: line, message: message))
            }
        }
        return out
    }

    /// Hands the chunk's quotes to `admit` at once and puts its answers in their places:
    /// the quote it gives back, or a rejected row. `admit` must answer once per quote.
    static func admit(_ outcomes: inout [Outcome], with admit: ([Quote], [Int]) throws -> [Admission]) throws {
        var quotes: [Quote] = [], lines: [Int] = [], places: [Int] = []
        for (i, o) in outcomes.enumerated() {
            if case let .quote(q, _, line) = o { quotes.append(q); lines.append(line); places.append(i) }
        }
        guard !quotes.isEmpty else { return }
        let admissions = try admit(quotes, lines)
        precondition(admissions.count == quotes.count, "admit answers once per quote")
        for (place, admission) in zip(places, admissions) {
            guard case let .quote(_, fields, line) = outcomes[place] else { continue }
            switch admission {
            case let .write(q): outcomes[place] = .quote(q, fields: fields, line: line)
            case let .reject(message): outcomes[place] = .reject(fields: fields, line: line, message: message)
            }
        }
    }
}
