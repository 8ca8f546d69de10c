import Foundation
import GRDB
import Ledger

/// The SQLite ledger's schema, as GRDB migrations from version 1 on. A new version adds a
/// migration; existing ones never change. The quote table is version 1's with the status
/// rule of version 2 (``statusCheck``); version 3 identifies a batch's rows by their
/// `request_id` across the whole ledger (``QuoteSource``): the unique index per source
/// becomes a plain index over every requests file's rows; version 4 adds the front desk's
/// accounts, API tokens and web sessions (``accountTables``); version 5 the client links
/// and client contacts (``linkTables``); version 6 the audit trail (``auditTables``).
///
/// A ledger is marked as spaquote's in SQLite's header: `PRAGMA application_id` is
/// ``applicationID`` and `PRAGMA user_version` the schema version (``version``). Ledgers
/// of versions 1 and 2 were written without that mark; they are recognized by their
/// tables (``tables``, ``quoteColumns``, their migrations) and get it when next opened
/// for writing.
enum LedgerSchema {
    /// `PRAGMA application_id` of a spaquote ledger: 0x53505154, "SPQT" in ASCII.
    static let applicationID: Int32 = 0x5350_5154

    /// The schema version this spaquote writes (`PRAGMA user_version`): the number of
    /// migrations. A new migration raises it.
    static let version: Int32 = 6

    /// The migrations this spaquote knows, in order.
    static let migrations = ["v1", "v2", "v3", "v4", "v5", "v6"]

    /// The tables of a ledger of this version (besides SQLite's own `sqlite_*`).
    static let tables: Set<String> = quoteTables.union(accountTables).union(linkTables).union(auditTables)

    /// The tables of a ledger of versions 1 to 3.
    static let quoteTables: Set<String> = ["grdb_migrations", "quote_source", "quote"]

    /// The tables version 4 adds.
    static let accountTables: Set<String> = ["account", "api_token", "web_session"]

    /// The tables version 5 adds.
    static let linkTables: Set<String> = ["share_link", "client_contact"]

    /// The tables version 6 adds.
    static let auditTables: Set<String> = ["audit_event"]

    /// The tables a ledger holds once `applied` (migration identifiers) have run.
    static func tables(after applied: [String]) -> Set<String> {
        var tables = quoteTables
        if applied.contains("v4") { tables.formUnion(accountTables) }
        if applied.contains("v5") { tables.formUnion(linkTables) }
        if applied.contains("v6") { tables.formUnion(auditTables) }
        return tables
    }

    /// The sets of tables a ledger of some version holds (1 to 3, 4, 5, 6).
    static let tableSets: [Set<String>] = [quoteTables, quoteTables.union(accountTables),
                                           quoteTables.union(accountTables).union(linkTables), tables]

    /// The quote table's columns, in order (the same in versions 1 to 3).
    static let quoteColumns = [
        "id", "quote_id", "year", "seq", "source", "line", "request_id", "client", "location", "location_name", "tier",
        "tier_name", "areas", "area_names", "addons", "sessions", "spacing_weeks", "start_date", "promo", "promo_code",
        "quote_date", "valid_until", "first_session", "last_session", "status", "accepted_on", "session_list_price",
        "session_price", "price_limit", "list_total", "series_discount_percent", "series_discount", "promo_discount",
        "treatment_net", "addons_total", "addons_per_session", "addons_per_package", "taxable_amount", "tax_rate", "tax",
        "total", "deposit_percent", "deposit", "balance", "per_session_price", "session_dates", "addon_lines",
        "installments", "rate_card_name", "rate_card_version", "rate_card_hash", "currency",
    ]

    /// Migrations for the ledger `ledger` (named in their errors).
    static func migrator(ledger: String) -> DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE quote_source (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE               -- requests file (absolute path) or 'cli'
                );
                CREATE TABLE quote (
                    id INTEGER PRIMARY KEY,                 -- year x 10,000,000 + seq: Q-2026-000123 is 20260000123
                    quote_id TEXT NOT NULL,                 -- Q-2026-000123
                    year INTEGER NOT NULL,                  -- of the quote date
                    seq INTEGER NOT NULL,                   -- 123, counted within the year
                    source INTEGER NOT NULL REFERENCES quote_source(id),
                    line INTEGER,                           -- line in the source file; NULL from the command line
                    request_id TEXT NOT NULL,
                    client TEXT NOT NULL,
                    location TEXT NOT NULL, location_name TEXT NOT NULL,
                    tier TEXT NOT NULL, tier_name TEXT NOT NULL,
                    areas TEXT NOT NULL, area_names TEXT NOT NULL,   -- ';'-separated, '\u{1F}' for names
                    addons TEXT NOT NULL,
                    sessions INTEGER NOT NULL, spacing_weeks INTEGER NOT NULL,
                    start_date TEXT NOT NULL, promo TEXT, promo_code TEXT,
                    quote_date TEXT NOT NULL, valid_until TEXT NOT NULL,
                    first_session TEXT NOT NULL, last_session TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('quoted', 'accepted', 'declined')),
                    accepted_on TEXT,
                    -- money in cents, percentages in 1/10,000 of a percent
                    session_list_price INTEGER NOT NULL, session_price INTEGER NOT NULL, price_limit TEXT NOT NULL,
                    list_total INTEGER NOT NULL, series_discount_percent INTEGER NOT NULL, series_discount INTEGER NOT NULL,
                    promo_discount INTEGER NOT NULL, treatment_net INTEGER NOT NULL, addons_total INTEGER NOT NULL,
                    addons_per_session INTEGER NOT NULL, addons_per_package INTEGER NOT NULL,
                    taxable_amount INTEGER NOT NULL, tax_rate INTEGER NOT NULL, tax INTEGER NOT NULL,
                    total INTEGER NOT NULL, deposit_percent INTEGER NOT NULL, deposit INTEGER NOT NULL,
                    balance INTEGER NOT NULL, per_session_price INTEGER NOT NULL,
                    session_dates TEXT NOT NULL,            -- 'YYYY-MM-DD YYYY-MM-DD ...' (planned days follow
                                                            -- from start_date and spacing_weeks)
                    addon_lines TEXT NOT NULL,              -- see AddonLinesText: id, per, quantity, unit price,
                                                            -- amount, taxable, name; a line each
                    installments TEXT NOT NULL,             -- cents, space separated, one per session
                    rate_card_name TEXT NOT NULL, rate_card_version TEXT NOT NULL, rate_card_hash TEXT NOT NULL,
                    currency TEXT NOT NULL
                );
                CREATE UNIQUE INDEX quote_source_request ON quote(source, request_id) WHERE line IS NOT NULL;
                """)
        }
        m.registerMigration("v2") { db in
            // v1's CHECK (status IN (...)) made SQLite build a temporary table of the three
            // values for every insert: over half the work of saving a quote. The same rule
            // written with OR is three comparisons. SQLite cannot change a CHECK in place,
            // so the table is rebuilt from v1's own definition (SQLite's documented
            // procedure; GRDB turns foreign-key checks off around it and checks afterwards).
            let v1 = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'quote'") ?? ""
            let check = "CHECK (status IN ('quoted', 'accepted', 'declined'))"
            // SQLite keeps the text as written, but writes `"quote"` once a table is renamed.
            let header = ["CREATE TABLE quote (", "CREATE TABLE \"quote\" ("].first { v1.hasPrefix($0) }
            guard let header, v1.contains(check) else {
                throw LedgerError.cannotOpen(ledger: ledger, reason: "its quote table is not the one spaquote 1 wrote, so it cannot be upgraded; use a backup of the ledger")
            }
            let v2 = "CREATE TABLE quote_v2 (" + v1.dropFirst(header.count).replacingOccurrences(of: check, with: statusCheck)
            try db.execute(sql: v2)
            try db.execute(sql: """
                INSERT INTO quote_v2 SELECT * FROM quote;
                DROP TABLE quote;
                ALTER TABLE quote_v2 RENAME TO quote;
                CREATE UNIQUE INDEX quote_source_request ON quote(source, request_id) WHERE line IS NOT NULL;
                """)
        }
        m.registerMigration("v3") { db in
            // A batch's row is a repeat when any requests file saved its request_id before
            // (not only the same path): a plain index, since earlier ledgers may hold one
            // request_id saved from two paths.
            try db.execute(sql: """
                DROP INDEX quote_source_request;
                CREATE INDEX quote_request ON quote(request_id) WHERE line IS NOT NULL;
                """)
        }
        m.registerMigration("v4") { db in try db.execute(sql: accountsSQL) }
        m.registerMigration("v5") { db in try db.execute(sql: linksSQL) }
        m.registerMigration("v6") { db in try db.execute(sql: auditSQL) }
        return m
    }

    /// The status rule from version 2 on.
    static let statusCheck = "CHECK (status = 'quoted' OR status = 'accepted' OR status = 'declined')"

    /// Version 4: accounts, API tokens and web sessions. Secrets are stored hashed only: a
    /// password as bcrypt, a token or session id as SHA-256 hex.
    static let accountsSQL = """
        CREATE TABLE account (
            name TEXT NOT NULL PRIMARY KEY,             -- the sign-in name, compared exactly
            role TEXT NOT NULL CHECK (role = 'clerk' OR role = 'manager' OR role = 'admin'),
            locations TEXT NOT NULL,                    -- location ids joined by ','; '' for every location
            password_hash TEXT NOT NULL,                -- bcrypt ($2b$...)
            disabled INTEGER NOT NULL CHECK (disabled = 0 OR disabled = 1)
        );
        CREATE TABLE api_token (
            hash TEXT NOT NULL PRIMARY KEY,             -- SHA-256 hex of the token
            user_name TEXT NOT NULL REFERENCES account(name),
            created INTEGER NOT NULL                    -- Unix seconds
        );
        CREATE TABLE web_session (
            id_hash TEXT NOT NULL PRIMARY KEY,          -- SHA-256 hex of the cookie's value
            user_name TEXT NOT NULL REFERENCES account(name),
            csrf_token TEXT NOT NULL,
            created INTEGER NOT NULL,                   -- Unix seconds
            last_seen INTEGER NOT NULL                  -- Unix seconds
        );
        CREATE INDEX api_token_user ON api_token(user_name);
        CREATE INDEX web_session_user ON web_session(user_name);
        CREATE INDEX web_session_last_seen ON web_session(last_seen);
        """

    /// Version 5: client links (a link's token stored as its SHA-256 hex only; one link a
    /// quote, its acceptance through the link kept with it) and the client's contact, both
    /// beside the quote table, keyed by the quote's row id. The quote table is unchanged.
    static let linksSQL = """
        CREATE TABLE share_link (
            quote INTEGER NOT NULL PRIMARY KEY REFERENCES quote(id),
            token_hash TEXT NOT NULL UNIQUE,            -- SHA-256 hex of the link's token
            created INTEGER NOT NULL,                   -- Unix seconds
            revoked INTEGER,                            -- Unix seconds; NULL while not revoked
            accepted_at INTEGER,                        -- Unix seconds: the client's acceptance through the link
            accepted_name TEXT,                         -- the name the client typed
            accepted_fingerprint TEXT,                  -- SHA-256 hex of the quote's content (QuoteFingerprint)
            CHECK ((accepted_at IS NULL) = (accepted_name IS NULL) AND (accepted_at IS NULL) = (accepted_fingerprint IS NULL))
        );
        CREATE TABLE client_contact (
            quote INTEGER NOT NULL PRIMARY KEY REFERENCES quote(id),
            contact TEXT NOT NULL                       -- phone or e-mail, free text, at most 200 characters
        );
        """

    /// Version 6: the audit trail (``AuditRecord``'s columns), append-only: triggers abort
    /// any UPDATE or DELETE of its rows, whoever runs it (the store has no such statement;
    /// this stops another program or a hand-typed one). A file's owner can still drop the
    /// triggers or the file itself: the file's permissions are its protection.
    static let auditSQL = """
        CREATE TABLE audit_event (
            id INTEGER PRIMARY KEY AUTOINCREMENT,       -- increasing, never reused
            at INTEGER NOT NULL,                        -- Unix seconds, UTC
            action TEXT NOT NULL,                       -- AuditAction's raw value
            actor_kind TEXT NOT NULL CHECK (actor_kind = 'user' OR actor_kind = 'client-link' OR actor_kind = 'command-line'),
            actor_name TEXT NOT NULL,                   -- the user (web or operating system); '' for a client link
            address TEXT,                               -- the web request's remote address; NULL from the command line
            quote INTEGER,                              -- the quote's row id (year x 10,000,000 + seq)
            location TEXT,                              -- that quote's location id
            detail TEXT NOT NULL
        );
        CREATE INDEX audit_event_quote ON audit_event(quote) WHERE quote IS NOT NULL;
        CREATE INDEX audit_event_at ON audit_event(at);
        CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: an event cannot be changed'); END;
        CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: an event cannot be removed'); END;
        """
}
