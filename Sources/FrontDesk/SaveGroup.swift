import Ledger
import Pricing
import Workflows

/// Web saves that arrive while another is being written are saved together, in the next
/// ledger transaction: one `BEGIN IMMEDIATE`/`COMMIT` (SQLite: its journal's fsyncs) or
/// one transaction and save lock (PostgreSQL: its round trips) for the whole group, instead
/// of one each. Every caller is answered only after the commit that holds its quote, so a
/// save answered 2xx is in the ledger as durably as one saved alone; ids stay consecutive.
/// A group the ledger refuses is saved again one quote at a time, so each caller gets its
/// own quote's outcome, never another's. A quote's link, contact and audit events
/// (``Extras``) are written in the same transaction as the quote: all are committed, or none.
actor SaveGroup {
    /// What is saved with a quote: its link's token hash, the client's contact, and who
    /// saved it (the events "quote saved" and, with a link, "link created").
    struct Extras: Sendable {
        var linkTokenHash: String?
        var linkCreated: Int64 = 0
        var contact: String?
        var audit: AuditStamp?
    }
    private typealias Waiting = (quote: Quote, extras: Extras, reply: CheckedContinuation<Quote, any Error>)

    /// The most quotes one transaction takes.
    static let maxGroup = 256

    private let ledger: any LedgerStore
    private let source: QuoteSource
    private let rateCardHash: String
    private var waiting: [Waiting] = []
    private var running = false

    init(ledger: any LedgerStore, source: QuoteSource, rateCardHash: String) {
        self.ledger = ledger
        self.source = source
        self.rateCardHash = rateCardHash
    }

    /// Saves `quote` and its `extras` (with the next group's transaction); returns it as
    /// saved, with its id.
    nonisolated func save(_ quote: Quote, with extras: Extras = Extras()) async throws -> Quote {
        try await withCheckedThrowingContinuation { reply in
            Task { await self.enqueue((quote, extras, reply)) }
        }
    }

    private func enqueue(_ item: Waiting) {
        waiting.append(item)
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

    private func save(_ group: [Waiting]) async {
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
                try await session.attach(Self.attachments(saved, group.map(\.extras)))
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

    /// The rows to store beside the `saved` quotes, from their `extras`.
    private static func attachments(_ saved: [Quote], _ extras: [Extras]) -> [QuoteAttachment] {
        zip(saved, extras).compactMap { quote, extras in
            guard let number = QuoteNumber(quote.quoteID) else { return nil }
            let attachment = QuoteAttachment(quote: number, linkTokenHash: extras.linkTokenHash, linkCreated: extras.linkCreated,
                                             contact: extras.contact, events: events(quote, number, extras))
            return attachment.linkTokenHash != nil || attachment.contact != nil || !attachment.events.isEmpty ? attachment : nil
        }
    }

    /// The audit events of a web save: the quote saved and, with a link, the link made.
    private static func events(_ quote: Quote, _ number: QuoteNumber, _ extras: Extras) -> [AuditEvent] {
        guard let stamp = extras.audit else { return [] }
        let location = quote.request.location
        let saved = stamp.event(.quoteSaved, quote: number, location: location, detail: "from the web")
        return extras.linkTokenHash == nil ? [saved] : [saved, stamp.event(.linkCreated, quote: number, location: location)]
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
