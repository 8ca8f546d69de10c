import Ledger
import PostgresNIO

/// A save into a PostgreSQL ledger (``PostgresStore/beginSave()``): one transaction on one
/// held connection, holding the ledger's save lock (`pg_advisory_xact_lock`) from the start,
/// so savers in every process and on every server take turns and quote numbers counted
/// from `MAX(id)` stay consecutive.
///
/// Rows are written in COPY's text format (``CopyTextEncoder``) into a buffer and sent with
/// `COPY quote FROM STDIN` a slice (about ``sliceBytes``) at a time, the server storing one
/// slice while the next is encoded; ``commit()`` sends the rest. A failure anywhere (a
/// connection lost, a constraint) leaves nothing: the server rolls the transaction back.
final class PostgresSaveTransaction: SaveTransaction {
    /// Bytes of COPY text gathered before they are sent (2 MiB: a million-row save peaks at
    /// 91 MiB, against 104 MiB with 4 MiB slices, at the same speed).
    static let sliceBytes = 2 << 20

    private let store: PostgresStore
    private let held: HeldConnection
    private var encoder: CopyTextEncoder
    private var inFlight: HeldConnection.Pending?
    private var finished = false
    /// Why the save cannot go on (a row refused half-written): thrown by every later call.
    private var refusal: LedgerError?

    private init(store: PostgresStore, held: HeldConnection) {
        self.store = store
        self.held = held
        encoder = CopyTextEncoder(capacity: Self.sliceBytes + (256 << 10))
    }

    /// A save dropped without ``commit()`` or ``rollback()`` is rolled back, and its
    /// connection (with the save lock) given back.
    deinit {
        guard !finished else { return }
        _ = held.submit { c in try await c.execute("ROLLBACK") }
        held.releaseLater()
    }

    /// Opens the transaction and waits (up to the store's lock timeout) for the save lock.
    static func begin(_ store: PostgresStore) async throws -> PostgresSaveTransaction {
        let held = HeldConnection(client: store.client)
        let timeout = String(store.lockTimeout.components.seconds * 1000 + store.lockTimeout.components.attoseconds / 1_000_000_000_000_000)
        do {
            try await held.run { c in
                // Read committed whatever the server's default: MAX(id) and the repeat lookups,
                // read after the lock, must see the previous saver's commit.
                try await c.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
                // One round trip: the lock is asked for on the (materialized) row of the
                // timeout's setting, so the timeout is in force before the wait begins.
                try await c.execute("""
                    WITH timeout AS MATERIALIZED (SELECT set_config('lock_timeout', \(timeout), true))
                    SELECT pg_advisory_xact_lock(\(PostgresSchema.lockClass), \(PostgresSchema.saveLock)) FROM timeout
                    """)
            }
        } catch {
            try? await held.run { c in try await c.execute("ROLLBACK") }
            await held.release()
            throw store.failure.classify(error)
        }
        return PostgresSaveTransaction(store: store, held: held)
    }

    func lastSequence(year: Int) async throws -> Int {
        try sendBuffered()
        let base = QuoteNumber(year: year, seq: 0).rowID, end = base + Int64(QuoteNumber.perYear)
        return try await query { c in
            let rows = try await c.query("SELECT COALESCE(MAX(id), \(base)) - \(base) FROM quote WHERE id > \(base) AND id < \(end)",
                                         logger: PostgresStore.logger)
            var last: Int64 = 0
            for try await (value) in rows.decode(Int64.self) { last = value }
            return Int(last)
        }
    }

    func holdsRequestRows() async throws -> Bool {
        try await query { c in
            let rows = try await c.query("SELECT EXISTS (SELECT 1 FROM quote WHERE line IS NOT NULL)", logger: PostgresStore.logger)
            var holds = false
            for try await (value) in rows.decode(Bool.self) { holds = value }
            return holds
        }
    }

    /// The rows still in the buffer are not looked at: a session's request ids differ from
    /// each other (``SaveSession``), so only quotes saved before it can repeat them.
    func savedRequests(_ requestIDs: [String]) async throws -> [String: String] {
        guard !requestIDs.isEmpty else { return [:] }
        return try await query { c in
            let rows = try await c.query("""
                SELECT request_id, quote_id FROM quote WHERE line IS NOT NULL AND request_id = ANY(\(requestIDs)) ORDER BY id
                """, logger: PostgresStore.logger)
            var saved: [String: String] = [:]
            for try await (request, quote) in rows.decode((String, String).self) where saved[request] == nil { saved[request] = quote }
            return saved
        }
    }

    func insert(_ rows: [QuoteRow]) async throws {
        precondition(!finished, "insert after the save ended")
        if let refusal { throw refusal }
        for row in rows {
            guard encoder.append(row) else {
                let column = encoder.nulColumn.map { QuoteColumns.all[$0] } ?? "?"
                let refused = LedgerError.constraint(ledger: store.name, reason: "quote \(row.number): its \(column) holds the character U+0000, which PostgreSQL cannot store")
                refusal = refused
                throw refused
            }
        }
        if encoder.bytes.count >= Self.sliceBytes {
            try await waitForCopy()
            try sendBuffered()
        }
    }

    func flush() async throws {
        precondition(!finished, "flush after the save ended")
        try sendBuffered()
        try await waitForCopy()
    }

    /// One statement for every link, contact and audit event (arrays bound, `unnest`ed by
    /// the server): one round trip whatever the group's size.
    func attach(_ attachments: [QuoteAttachment]) async throws {
        try await runAfterCopy(Self.attachStatement(attachments))
    }

    /// ``attach(_:)``'s statement with events only (its links and contacts empty).
    func appendAudit(_ events: [AuditEvent]) async throws {
        try await runAfterCopy(Self.attachStatement([], events: events))
    }

    /// Runs `statement` in the transaction once the COPY under way has ended (the rows it
    /// refers to are then the server's).
    private func runAfterCopy(_ statement: PostgresQuery) async throws {
        precondition(!finished, "a statement after the save ended")
        if let refusal { throw refusal }
        try await waitForCopy()
        try await query { c in _ = try await c.query(statement, logger: PostgresStore.logger).collect() }
    }

    /// The statement of ``attach(_:)`` (and, with `more` events after the attachments',
    /// of ``appendAudit(_:)``). An event's optional texts go as "" and come back
    /// NULL (`NULLIF`): an address or location is never empty. A link's optional times go
    /// as -1 and come back NULL (times are Unix seconds of the server's clock, never
    /// negative); its acceptance's name and fingerprint are stored only with its time.
    static func attachStatement(_ attachments: [QuoteAttachment], events more: [AuditEvent] = []) -> PostgresQuery {
        let links = attachments.filter { $0.linkTokenHash != nil }, contacts = attachments.filter { $0.contact != nil }
        let linkQuotes = links.map(\.quote.rowID), hashes = links.map { $0.linkTokenHash ?? "" }, created = links.map(\.linkCreated)
        let revoked = links.map { $0.linkRevoked ?? -1 }, acceptedAt = links.map { $0.linkAcceptance?.time ?? -1 }
        let acceptedNames = links.map { $0.linkAcceptance?.name ?? "" }, fingerprints = links.map { $0.linkAcceptance?.fingerprint ?? "" }
        let contactQuotes = contacts.map(\.quote.rowID), texts = contacts.map { $0.contact ?? "" }
        let events = (attachments.flatMap(\.events) + more).map(AuditRecord.init)
        let at = events.map(\.at), actions = events.map(\.action), kinds = events.map(\.actorKind), names = events.map(\.actorName)
        let addresses = events.map { $0.address ?? "" }, quotes = events.map { $0.quote ?? 0 }
        let locations = events.map { $0.location ?? "" }, details = events.map(\.detail)
        return """
            WITH link AS (
                INSERT INTO share_link (quote, token_hash, created, revoked, accepted_at, accepted_name, accepted_fingerprint)
                SELECT quote, hash, created, NULLIF(revoked, -1), NULLIF(at, -1),
                       CASE WHEN at = -1 THEN NULL ELSE name END, CASE WHEN at = -1 THEN NULL ELSE fingerprint END
                FROM unnest(\(linkQuotes)::bigint[], \(hashes)::text[], \(created)::bigint[], \(revoked)::bigint[],
                            \(acceptedAt)::bigint[], \(acceptedNames)::text[], \(fingerprints)::text[])
                     AS l(quote, hash, created, revoked, at, name, fingerprint)
                ON CONFLICT (quote) DO UPDATE SET token_hash = excluded.token_hash, created = excluded.created, revoked = excluded.revoked
            ), audit AS (
                INSERT INTO audit_event (at, action, actor_kind, actor_name, address, quote, location, detail)
                SELECT at, action, kind, name, NULLIF(address, ''), NULLIF(quote, 0), NULLIF(location, ''), detail
                FROM unnest(\(at)::bigint[], \(actions)::text[], \(kinds)::text[], \(names)::text[], \(addresses)::text[],
                            \(quotes)::bigint[], \(locations)::text[], \(details)::text[])
                     WITH ORDINALITY AS e(at, action, kind, name, address, quote, location, detail, n)
                ORDER BY n
            )
            INSERT INTO client_contact (quote, contact) SELECT * FROM unnest(\(contactQuotes)::bigint[], \(texts)::text[])
            ON CONFLICT (quote) DO UPDATE SET contact = excluded.contact
            """
    }

    func commit() async throws {
        precondition(!finished, "commit after the save ended")
        do {
            if let refusal { throw refusal }
            try sendBuffered()
            try await waitForCopy()
            try await held.run { c in try await c.execute("COMMIT") }
        } catch {
            await rollback()
            throw store.failure.classify(error)
        }
        finished = true
        await held.release()
    }

    func rollback() async {
        guard !finished else { return }
        finished = true
        try? await held.run { c in try await c.execute("ROLLBACK") }
        await held.release()
    }

    /// Sends the buffered rows with COPY, without waiting for the server (see ``waitForCopy()``).
    private func sendBuffered() throws {
        guard !encoder.bytes.isEmpty else { return }
        let slice = encoder.takeBuffer()
        let previous = inFlight
        inFlight = held.submit { c in
            // A COPY after a failed one would only report the transaction aborted: skip it.
            if let previous { try await previous.wait() }
            try HeldConnection.ensureOpen(c)
            try await c.copyFrom(table: "quote", columns: QuoteColumns.all, logger: PostgresStore.logger) { writer in
                try await writer.write(slice)
            }
        }
    }

    /// Waits for the COPY under way; throws its failure.
    private func waitForCopy() async throws {
        guard let pending = inFlight else { return }
        do { try await pending.wait() } catch { throw store.failure.classify(error) }
    }

    /// Runs `body` after the COPY under way; a failure of that COPY is reported rather than
    /// the aborted transaction it leaves.
    private func query<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await held.run(body)
        } catch {
            try await waitForCopy()
            throw store.failure.classify(error)
        }
    }
}

extension PostgresStore {
    public func beginSave() async throws -> any SaveTransaction {
        try await PostgresSaveTransaction.begin(self)
    }
}
