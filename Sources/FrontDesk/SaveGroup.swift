import Ledger
import Pricing
import Workflows

/// Web saves that arrive while another is being written are saved together, in the next
/// ledger transaction: one `BEGIN IMMEDIATE`/`COMMIT` (SQLite: its journal's fsyncs) or
/// one transaction and save lock (PostgreSQL: its round trips) for the whole group, instead
/// of one each. Every caller is answered only after the commit that holds its quote, so a
/// save answered 2xx is in the ledger as durably as one saved alone; ids stay consecutive.
/// A group the ledger refuses is saved again one quote at a time, so each caller gets its
/// own quote's outcome, never another's.
actor SaveGroup {
    /// The most quotes one transaction takes.
    static let maxGroup = 256

    private let ledger: any LedgerStore
    private let source: QuoteSource
    private let rateCardHash: String
    private var waiting: [(quote: Quote, reply: CheckedContinuation<Quote, any Error>)] = []
    private var running = false

    init(ledger: any LedgerStore, source: QuoteSource, rateCardHash: String) {
        self.ledger = ledger
        self.source = source
        self.rateCardHash = rateCardHash
    }

    /// Saves `quote` (with the next groups' transaction); returns it as saved, with its id.
    nonisolated func save(_ quote: Quote) async throws -> Quote {
        try await withCheckedThrowingContinuation { reply in
            Task { await self.enqueue(quote, reply) }
        }
    }

    private func enqueue(_ quote: Quote, _ reply: CheckedContinuation<Quote, any Error>) {
        waiting.append((quote, reply))
        guard !running else { return }
        running = true
        Task { await self.drain() }
    }

    /// Saves the waiting quotes, a group at a time, until none is left.
    private func drain() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(Self.maxGroup))
            waiting.removeFirst(group.count)
            await save(group)
        }
        running = false
    }

    private func save(_ group: [(quote: Quote, reply: CheckedContinuation<Quote, any Error>)]) async {
        let source = self.source, rateCardHash = self.rateCardHash, ledger = self.ledger
        do {
            let outcomes = try await SaveSession.run(on: ledger) { session in
                let outcomes = try await session.save(group.map(\.quote), from: source,
                                                      lines: Array(repeating: nil, count: group.count), rateCardHash: rateCardHash)
                try await session.flush()
                let saved = outcomes.compactMap { outcome -> Quote? in
                    if case let .saved(quote) = outcome { return quote }
                    return nil
                }
                guard saved.count == group.count else {
                    throw LedgerError.database(ledger: ledger.name, reason: outcomes.compactMap(\.refusal).first ?? "the quote was not saved")
                }
                return saved
            }
            for (item, saved) in zip(group, outcomes) { item.reply.resume(returning: saved) }
        } catch {
            guard group.count > 1, Self.mayBeOneQuotes(error) else {
                for item in group { item.reply.resume(throwing: error) }
                return
            }
            for item in group { await save([item]) }
        }
    }

    /// Whether `error` may come from one quote of a group (a constraint, a full year), so
    /// that saving them one at a time gives the others their save; not when the ledger
    /// itself failed (locked, unreachable, damaged): every one would wait and fail again.
    private static func mayBeOneQuotes(_ error: any Error) -> Bool {
        switch error as? LedgerError {
        case .locked?, .unreachable?, .cannotOpen?, .accessDenied?, .damaged?, .notALedger?, .newerSchema?: false
        default: true
        }
    }
}
