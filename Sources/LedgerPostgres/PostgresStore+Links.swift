import Ledger
import Pricing
import PostgresNIO

/// Client links and client contacts in the ledger's tables of schema version 3
/// (``PostgresSchema/migrations``), every value a bound parameter.
extension PostgresStore: ShareLinkStore {
    public func setShareLink(quote: QuoteNumber, tokenHash: String, created: Int64) async throws {
        let set = try await rowCount("""
            INSERT INTO share_link (quote, token_hash, created)
            SELECT id, \(tokenHash), \(created) FROM quote WHERE id = \(quote.rowID)
            ON CONFLICT (quote) DO UPDATE SET token_hash = excluded.token_hash, created = excluded.created, revoked = NULL
            RETURNING quote
            """)
        if set == 0 { throw LedgerError.notFound(ledger: name, quoteID: quote.description) }
    }

    public func shareLink(quote: QuoteNumber) async throws -> ShareLink? {
        try await withConnection { c in try await Self.link(c, Self.linkQuery(quote: quote.rowID, tokenHash: nil, locking: false)) }
    }

    public func shareLink(tokenHash: String) async throws -> ShareLink? {
        try await withConnection { c in try await Self.link(c, Self.linkQuery(quote: nil, tokenHash: tokenHash, locking: false)) }
    }

    public func revokeShareLink(quote: QuoteNumber, at time: Int64) async throws -> Bool {
        try await rowCount("""
            UPDATE share_link SET revoked = COALESCE(revoked, \(time)) WHERE quote = \(quote.rowID) RETURNING quote
            """) > 0
    }

    public func acceptThroughLink(tokenHash: String, today: LocalDate, acceptance: LinkAcceptance) async throws -> LedgerEntry {
        try StoredText.check(acceptance.name, field: "name", ledger: name)
        return try await withConnection { c in
            try await Self.transaction(on: c) {
                guard let link = try await Self.link(c, Self.linkQuery(quote: nil, tokenHash: tokenHash, locking: true)) else {
                    throw LedgerError.linkUnavailable(ledger: self.name)
                }
                let number = link.quote
                guard let entry = try await self.entries(c, Self.entryQuery(number, locking: true)).first else {
                    throw LedgerError.linkUnavailable(ledger: self.name)
                }
                let update = try link.accepting(entry.quote, today: today, ledger: self.name)
                try await c.execute("""
                    UPDATE quote SET status = \(update.status.rawValue), accepted_on = \(update.acceptedOn?.description) \
                    WHERE id = \(number.rowID)
                    """)
                try await c.execute("""
                    UPDATE share_link SET accepted_at = \(acceptance.time), accepted_name = \(acceptance.name), \
                    accepted_fingerprint = \(acceptance.fingerprint) WHERE quote = \(number.rowID)
                    """)
                guard let changed = try await self.entries(c, Self.entryQuery(number, locking: false)).first else {
                    throw LedgerError.notFound(ledger: self.name, quoteID: number.description)
                }
                return changed
            }
        }
    }

    public func setClientContact(_ contact: String?, quote: QuoteNumber) async throws {
        try StoredText.check(contact, field: "client_contact", ledger: name)
        guard let contact else {
            guard try await rowCount("SELECT id FROM quote WHERE id = \(quote.rowID)") > 0 else {
                throw LedgerError.notFound(ledger: name, quoteID: quote.description)
            }
            _ = try await rowCount("DELETE FROM client_contact WHERE quote = \(quote.rowID) RETURNING quote")
            return
        }
        let set = try await rowCount("""
            INSERT INTO client_contact (quote, contact) SELECT id, \(contact) FROM quote WHERE id = \(quote.rowID)
            ON CONFLICT (quote) DO UPDATE SET contact = excluded.contact RETURNING quote
            """)
        if set == 0 { throw LedgerError.notFound(ledger: name, quoteID: quote.description) }
    }

    public func clientContact(quote: QuoteNumber) async throws -> String? {
        try await withConnection { c in
            var found: String?
            let rows = try await c.query("SELECT contact FROM client_contact WHERE quote = \(quote.rowID)", logger: Self.logger)
            for try await contact in rows.decode(String.self) { found = contact }
            return found
        }
    }

    public func attachments(after: QuoteNumber?, limit: Int) async throws -> [QuoteAttachment] {
        try await withConnection { c in
            let rows = try await c.query("""
                SELECT q.id, s.token_hash, s.created, s.revoked, s.accepted_at, s.accepted_name, s.accepted_fingerprint, c.contact
                FROM quote q LEFT JOIN share_link s ON s.quote = q.id LEFT JOIN client_contact c ON c.quote = q.id
                WHERE q.id > \(after?.rowID ?? 0) AND (s.quote IS NOT NULL OR c.quote IS NOT NULL) ORDER BY q.id LIMIT \(limit)
                """, logger: Self.logger)
            var found: [QuoteAttachment] = []
            for try await (quote, hash, created, revoked, at, name, fingerprint, contact)
                in rows.decode((Int64, String?, Int64?, Int64?, Int64?, String?, String?, String?).self) {
                let number = QuoteNumber(year: Int(quote / Int64(QuoteNumber.perYear)), seq: Int(quote % Int64(QuoteNumber.perYear)))
                var acceptance: LinkAcceptance?
                if let at, let name, let fingerprint { acceptance = LinkAcceptance(time: at, name: name, fingerprint: fingerprint) }
                found.append(QuoteAttachment(quote: number, linkTokenHash: hash, linkCreated: created ?? 0, linkRevoked: revoked,
                                             linkAcceptance: acceptance, contact: contact))
            }
            return found
        }
    }

    /// The link of quote row `quote`, or of `tokenHash`, `FOR UPDATE` when `locking`.
    static func linkQuery(quote: Int64?, tokenHash: String?, locking: Bool) -> PostgresQuery {
        var binds = PostgresBindings()
        let condition: String
        if let quote { binds.append(quote); condition = "quote = $1" } else { binds.append(tokenHash ?? ""); condition = "token_hash = $1" }
        let sql = "SELECT quote, token_hash, created, revoked, accepted_at, accepted_name, accepted_fingerprint FROM share_link WHERE "
            + condition + (locking ? " FOR UPDATE" : "")
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    /// The link `query` selects, nil when none.
    static func link(_ c: PostgresConnection, _ query: PostgresQuery) async throws -> ShareLink? {
        var found: ShareLink?
        let rows = try await c.query(query, logger: logger)
        for try await (quote, hash, created, revoked, at, name, fingerprint)
            in rows.decode((Int64, String, Int64, Int64?, Int64?, String?, String?).self) {
            let number = QuoteNumber(year: Int(quote / Int64(QuoteNumber.perYear)), seq: Int(quote % Int64(QuoteNumber.perYear)))
            var acceptance: LinkAcceptance?
            if let at, let name, let fingerprint { acceptance = LinkAcceptance(time: at, name: name, fingerprint: fingerprint) }
            found = ShareLink(quote: number, tokenHash: hash, created: created, revoked: revoked, acceptance: acceptance)
        }
        return found
    }
}
