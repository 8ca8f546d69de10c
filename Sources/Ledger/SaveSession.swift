import Pricing

/// What became of a quote given to ``SaveSession/save(_:from:lines:rateCardHash:)``.
public enum SaveOutcome: Sendable {
    /// Saved, with the ledger's id.
    case saved(Quote)
    /// Not saved: a requests file's row whose `request_id` a saved quote already has.
    case repeated(requestID: String, savedAs: String)

    /// Why the quote was not saved (for the rejects file), nil when saved.
    public var refusal: String? {
        switch self {
        case .saved: nil
        case let .repeated(requestID, savedAs):
            "request_id '\(requestID)': already saved as \(savedAs); not saved again (give the row a new request_id to save it as a new quote)"
        }
    }
}

/// One save into a ledger, all or nothing: numbers quotes (`Q-YYYY-NNNNNN`, consecutive
/// within the quote date's year, counted on from the highest saved under the ledger's
/// write lock, so no gap and no repeat even with many savers), refuses a requests file's
/// row whose `request_id` is already saved (``QuoteSource``), and has the store insert
/// the rows. The rules of saving, for every store and every interface.
///
/// Not thread-safe: one task or thread drives a session.
public final class SaveSession {
    private let transaction: any SaveTransaction
    /// How messages name the ledger.
    public let ledger: String
    private var next: [Int: Int] = [:]
    private var checksRepeats: Bool?
    private var finished = false

    /// Begins a save into `store` (waiting for its write lock).
    public init(_ store: any LedgerStore) async throws {
        transaction = try await store.beginSave()
        ledger = store.name
    }

    /// Saves `quotes` (with `lines[i]` the line of `quotes[i]` in its requests file, or
    /// nil), in order. The `request_id`s of a requests file's quotes must differ from each
    /// other within a session (a batch refuses repeated rows before they get here).
    public func save(_ quotes: [Quote], from source: QuoteSource, lines: [Int?], rateCardHash: String) async throws -> [SaveOutcome] {
        precondition(lines.count == quotes.count, "one line (or nil) per quote")
        for quote in quotes {
            try StoredText.check(quote.request.requestID, field: "request_id", ledger: ledger)
            try StoredText.check(quote.request.client, field: "client", ledger: ledger)
        }
        var saved: [String: String] = [:]
        if source.identifiesRequests, try await mayHoldRepeats() {
            saved = try await transaction.savedRequests(quotes.map(\.request.requestID))
        }
        var outcomes: [SaveOutcome] = [], rows: [QuoteRow] = []
        outcomes.reserveCapacity(quotes.count)
        rows.reserveCapacity(quotes.count)
        for (quote, line) in zip(quotes, lines) {
            if let existing = saved[quote.request.requestID] {
                outcomes.append(.repeated(requestID: quote.request.requestID, savedAs: existing))
                continue
            }
            let number = try await number(forYear: quote.quoteDate.year)
            var numbered = quote
            numbered.quoteID = number.description
            rows.append(QuoteRow(quote: numbered, number: number, source: source.storedName,
                                 line: source.identifiesRequests ? line : nil, rateCardHash: rateCardHash))
            outcomes.append(.saved(numbered))
        }
        if !rows.isEmpty { try await transaction.insert(rows) }
        return outcomes
    }

    /// Has the store take every row saved so far before going on (a store may buffer them
    /// until the commit): what is written after this with the quotes' ids refers to rows
    /// the store holds (only the commit itself can still fail).
    public func flush() async throws { try await transaction.flush() }

    /// Stores the links, contacts and audit events of quotes this session saved, in its
    /// transaction: committed with the quotes, or discarded with them.
    public func attach(_ attachments: [QuoteAttachment]) async throws {
        guard !attachments.isEmpty else { return }
        try await transaction.flush()
        try await transaction.attach(attachments)
    }

    /// Commits the session: everything saved is in the ledger.
    public func commit() async throws {
        guard !finished else { return }
        finished = true
        try await transaction.commit()
    }

    /// Discards the session: nothing of it is kept.
    public func rollback() async {
        guard !finished else { return }
        finished = true
        await transaction.rollback()
    }

    /// Runs `body` in a session on `store`: committed when it returns, rolled back when it throws.
    public static func run<T>(on store: any LedgerStore, _ body: (SaveSession) async throws -> T) async throws -> T {
        let session = try await SaveSession(store)
        do {
            let result = try await body(session)
            try await session.commit()
            return result
        } catch {
            await session.rollback()
            throw error
        }
    }

    private func number(forYear year: Int) async throws -> QuoteNumber {
        let seq: Int
        if let known = next[year] { seq = known } else { seq = try await transaction.lastSequence(year: year) + 1 }
        guard seq < QuoteNumber.perYear else { throw LedgerError.yearFull(ledger: ledger, year: year) }
        next[year] = seq + 1
        return QuoteNumber(year: year, seq: seq)
    }

    /// Whether a saved row may repeat a request: not when no saved quote came from a
    /// requests file (asked once: the session holds the write lock, so it stays so).
    private func mayHoldRepeats() async throws -> Bool {
        if let known = checksRepeats { return known }
        let holds = try await transaction.holdsRequestRows()
        checksRepeats = holds
        return holds
    }
}
