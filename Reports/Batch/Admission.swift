import Pricing

/// What a ledger decides for one priced quote of a batch (``BatchLedger``).
public enum Admission: Sendable, Equatable {
    /// Admitted: write this quote (the one handed in, with the ledger's id once saved).
    case admitted(Quote)
    /// Refused: the row is rejected instead, for this reason (the rejects file's `error`).
    case refused(reason: String)
}

/// Where a batch's quotes are saved before they are written (`batch --save`): a chunk at
/// a time on the batch's writer thread, then committed once every output is complete,
/// just before the outputs move into place.
public protocol BatchLedger {
    /// Saves the chunk's priced quotes (at most ``BatchRun/batchSize``, in input order,
    /// with their input lines) at once; answers one ``Admission`` per quote, in the same
    /// order. An error ends the batch: no output, nothing saved.
    func admit(_ quotes: [Quote], lines: [Int]) throws -> [Admission]
    /// Commits what was admitted; an error leaves no output.
    func commit() throws
}

extension BatchLedger {
    /// Hands the chunk's quotes to ``admit(_:lines:)`` at once and puts the answers in
    /// their places: the quote given back, or a rejected row. A chunk without a quote is
    /// not handed over.
    func admit(_ outcomes: inout [BatchOutcome]) throws {
        var quotes: [Quote] = [], lines: [Int] = [], places: [Int] = []
        for (i, o) in outcomes.enumerated() {
            if case let .quote(q, _, line) = o { quotes.append(q); lines.append(line); places.append(i) }
        }
        guard !quotes.isEmpty else { return }
        let admissions = try admit(quotes, lines: lines)
        precondition(admissions.count == quotes.count, "a ledger answers once per quote")
        for (place, admission) in zip(places, admissions) {
            guard case let .quote(_, fields, line) = outcomes[place] else { continue }
            switch admission {
            case let .admitted(q): outcomes[place] = .quote(q, fields: fields, line: line)
            case let .refused(reason): outcomes[place] = .reject(fields: fields, line: line, message: reason)
            }
        }
    }
}
