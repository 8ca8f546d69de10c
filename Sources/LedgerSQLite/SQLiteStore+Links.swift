import GRDB
import Ledger
import Pricing

/// Client links and client contacts in the ledger's tables of schema version 5
/// (``LedgerSchema/linksSQL``), values bound. A ledger of an earlier version opened to
/// read has no such tables: it holds no link and no contact.
extension SQLiteStore: ShareLinkStore {
    static let linkSelect = "SELECT quote, token_hash, created, revoked, accepted_at, accepted_name, accepted_fingerprint FROM share_link"

    public func setShareLink(quote: QuoteNumber, tokenHash: String, created: Int64) async throws {
        let name = self.name
        try await writing { db in
            try Self.requireQuote(quote, db, ledger: name)
            try Self.storeLink(db, quote: quote, tokenHash: tokenHash, created: created)
        }
    }

    public func shareLink(quote: QuoteNumber) async throws -> ShareLink? {
        try await readingLinks { db in try Self.link(db, "\(Self.linkSelect) WHERE quote = ?", [quote.rowID]) }
    }

    public func shareLink(tokenHash: String) async throws -> ShareLink? {
        try await readingLinks { db in try Self.link(db, "\(Self.linkSelect) WHERE token_hash = ?", [tokenHash]) }
    }

    public func revokeShareLink(quote: QuoteNumber, at time: Int64) async throws -> Bool {
        try await writing { db in
            try db.execute(sql: "UPDATE share_link SET revoked = COALESCE(revoked, ?) WHERE quote = ?", arguments: [time, quote.rowID])
            return db.changesCount > 0
        }
    }

    public func acceptThroughLink(tokenHash: String, today: LocalDate, acceptance: LinkAcceptance) async throws -> LedgerEntry {
        let name = self.name
        try StoredText.check(acceptance.name, field: "name", ledger: name)
        return try await writing { db in
            guard let link = try Self.link(db, "\(Self.linkSelect) WHERE token_hash = ?", [tokenHash]) else {
                throw LedgerError.linkUnavailable(ledger: name)
            }
            var entry = try Self.entry(link.quote, in: db, ledger: name)
            let update = try link.accepting(entry.quote, today: today, ledger: name)
            try db.execute(sql: "UPDATE quote SET status = ?, accepted_on = ? WHERE id = ?",
                           arguments: [update.status.rawValue, update.acceptedOn?.description, link.quote.rowID])
            try db.execute(sql: "UPDATE share_link SET accepted_at = ?, accepted_name = ?, accepted_fingerprint = ? WHERE quote = ?",
                           arguments: [acceptance.time, acceptance.name, acceptance.fingerprint, link.quote.rowID])
            entry.quote.request.status = update.status
            entry.quote.request.acceptedOn = update.acceptedOn
            return entry
        }
    }

    public func setClientContact(_ contact: String?, quote: QuoteNumber) async throws {
        let name = self.name
        try StoredText.check(contact, field: "client_contact", ledger: name)
        try await writing { db in
            try Self.requireQuote(quote, db, ledger: name)
            try Self.storeContact(db, contact, quote: quote)
        }
    }

    public func clientContact(quote: QuoteNumber) async throws -> String? {
        try await readingLinks { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT contact FROM client_contact WHERE quote = ?"), arguments: [quote.rowID])
        }
    }

    public func attachments(after: QuoteNumber?, limit: Int) async throws -> [QuoteAttachment] {
        try await readingLinks { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT q.id, s.token_hash, s.created, s.revoked, s.accepted_at, s.accepted_name, s.accepted_fingerprint, c.contact
                FROM quote q LEFT JOIN share_link s ON s.quote = q.id LEFT JOIN client_contact c ON c.quote = q.id
                WHERE q.id > ? AND (s.quote IS NOT NULL OR c.quote IS NOT NULL) ORDER BY q.id LIMIT ?
                """), arguments: [after?.rowID ?? 0, limit])
            return try rows.map(Self.attachment)
        } ?? []
    }

    /// A row of ``attachments(after:limit:)``: the quote's row id, its link's columns (all
    /// NULL for no link) and its contact.
    private static func attachment(_ row: Row) throws -> QuoteAttachment {
        let rowID: Int64 = try row.decode(Int64.self, atIndex: 0)
        let number = QuoteNumber(year: Int(rowID / Int64(QuoteNumber.perYear)), seq: Int(rowID % Int64(QuoteNumber.perYear)))
        var acceptance: LinkAcceptance?
        if let at = try row.decode(Int64?.self, atIndex: 4) {
            acceptance = LinkAcceptance(time: at, name: try row.decode(String.self, atIndex: 5), fingerprint: try row.decode(String.self, atIndex: 6))
        }
        return QuoteAttachment(quote: number, linkTokenHash: try row.decode(String?.self, atIndex: 1),
                               linkCreated: try row.decode(Int64?.self, atIndex: 2) ?? 0, linkRevoked: try row.decode(Int64?.self, atIndex: 3),
                               linkAcceptance: acceptance, contact: try row.decode(String?.self, atIndex: 7))
    }

    /// The link `sql` (the columns of ``linkSelect``) selects, nil when none.
    static func link(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> ShareLink? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) else { return nil }
        let rowID: Int64 = try row.decode(Int64.self, atIndex: 0)
        let number = QuoteNumber(year: Int(rowID / Int64(QuoteNumber.perYear)), seq: Int(rowID % Int64(QuoteNumber.perYear)))
        var acceptance: LinkAcceptance?
        if let at = try row.decode(Int64?.self, atIndex: 4) {
            acceptance = LinkAcceptance(time: at, name: try row.decode(String.self, atIndex: 5),
                                        fingerprint: try row.decode(String.self, atIndex: 6))
        }
        return ShareLink(quote: number, tokenHash: try row.decode(String.self, atIndex: 1), created: try row.decode(Int64.self, atIndex: 2),
                         revoked: try row.decode(Int64?.self, atIndex: 3), acceptance: acceptance)
    }

    /// Gives `quote` its link, replacing one it had: the revocation becomes `revoked` (nil,
    /// as for every new link, clears one) and an acceptance recorded stays; `acceptance` is
    /// stored only with a link the quote did not have (one `ledger copy` carries over).
    static func storeLink(_ db: Database, quote: QuoteNumber, tokenHash: String, created: Int64,
                          revoked: Int64? = nil, acceptance: LinkAcceptance? = nil) throws {
        try db.cachedStatement(sql: """
            INSERT INTO share_link (quote, token_hash, created, revoked, accepted_at, accepted_name, accepted_fingerprint)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (quote) DO UPDATE SET token_hash = excluded.token_hash, created = excluded.created, revoked = excluded.revoked
            """).execute(arguments: [quote.rowID, tokenHash, created, revoked, acceptance?.time, acceptance?.name, acceptance?.fingerprint])
    }

    /// Records (or, for nil, removes) the client's contact of `quote`.
    static func storeContact(_ db: Database, _ contact: String?, quote: QuoteNumber) throws {
        if let contact {
            try db.cachedStatement(sql: "INSERT INTO client_contact (quote, contact) VALUES (?, ?) ON CONFLICT (quote) DO UPDATE SET contact = excluded.contact")
                .execute(arguments: [quote.rowID, contact])
        } else {
            try db.cachedStatement(sql: "DELETE FROM client_contact WHERE quote = ?").execute(arguments: [quote.rowID])
        }
    }

    /// Throws ``LedgerError/notFound(ledger:quoteID:)`` unless quote `number` is saved.
    static func requireQuote(_ number: QuoteNumber, _ db: Database, ledger: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM quote WHERE id = ?)", arguments: [number.rowID]) == true else {
            throw LedgerError.notFound(ledger: ledger, quoteID: number.description)
        }
    }

    /// Runs the read `body`, or answers nil for a ledger of an earlier version read as it
    /// is (no link tables). Through ``readingStatement(_:)``: a quote's page reads its link
    /// at every request, and the statements are kept.
    func readingLinks<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T?) async throws -> T? {
        try await readingStatement { db in try db.tableExists("share_link") ? body(db) : nil }
    }
}
