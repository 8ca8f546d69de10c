import Ledger
import PostgresNIO

/// The PostgreSQL ledger's schema and its versioned migrations.
///
/// A database is a spaquote ledger when its table `spaquote_schema` holds one row whose
/// `application` is ``application``; `version` is the number of migrations applied. A new
/// version appends a migration; existing ones never change. Migrations run in one
/// transaction under a transaction-level advisory lock (``migrationLock``), so two processes
/// opening a new ledger at once do not both create it.
///
/// Dates are ISO text (`YYYY-MM-DD`, collation "C": compared byte by byte, which is date
/// order), money and percentages `bigint`, as ``QuoteColumns`` describes.
enum PostgresSchema {
    /// The mark of a spaquote ledger in `spaquote_schema.application`.
    static let application = "spaquote ledger"

    /// The schema version this spaquote writes: the number of migrations.
    static var version: Int { migrations.count }

    /// Advisory lock keys (`pg_advisory_xact_lock(int, int)`): "SPQT" and the lock's purpose.
    static let lockClass: Int32 = 0x5350_5154
    static let migrationLock: Int32 = 1
    static let saveLock: Int32 = 2

    /// Statements creating the mark (version 0: no migration yet).
    static let mark = [
        """
        CREATE TABLE spaquote_schema (
            application text NOT NULL,
            version integer NOT NULL,
            single_row boolean PRIMARY KEY DEFAULT true CHECK (single_row)
        )
        """,
    ]

    /// The migrations, in order: each a list of statements.
    static let migrations: [[String]] = [
        // 1: the quote table.
        [
            """
            CREATE TABLE quote (
                id bigint PRIMARY KEY,                  -- year x 10,000,000 + seq: Q-2026-000123 is 20260000123
                quote_id text NOT NULL,
                year bigint NOT NULL,
                seq bigint NOT NULL,
                source text NOT NULL,                   -- 'cli', or the requests file's name
                line bigint,                            -- the request's line in its file; NULL but for files
                request_id text NOT NULL,
                client text NOT NULL,
                location text NOT NULL, location_name text NOT NULL,
                tier text NOT NULL, tier_name text NOT NULL,
                areas text NOT NULL, area_names text NOT NULL,
                addons text NOT NULL,
                sessions bigint NOT NULL, spacing_weeks bigint NOT NULL,
                start_date text COLLATE "C" NOT NULL, promo text, promo_code text,
                quote_date text COLLATE "C" NOT NULL, valid_until text COLLATE "C" NOT NULL,
                first_session text COLLATE "C" NOT NULL, last_session text COLLATE "C" NOT NULL,
                status text NOT NULL CHECK (status IN ('quoted', 'accepted', 'declined')),
                accepted_on text COLLATE "C",
                session_list_price bigint NOT NULL, session_price bigint NOT NULL, price_limit text NOT NULL,
                list_total bigint NOT NULL, series_discount_percent bigint NOT NULL, series_discount bigint NOT NULL,
                promo_discount bigint NOT NULL, treatment_net bigint NOT NULL, addons_total bigint NOT NULL,
                addons_per_session bigint NOT NULL, addons_per_package bigint NOT NULL,
                taxable_amount bigint NOT NULL, tax_rate bigint NOT NULL, tax bigint NOT NULL,
                total bigint NOT NULL, deposit_percent bigint NOT NULL, deposit bigint NOT NULL,
                balance bigint NOT NULL, per_session_price bigint NOT NULL,
                session_dates text COLLATE "C" NOT NULL,
                addon_lines text NOT NULL,
                installments text NOT NULL,
                rate_card_name text NOT NULL, rate_card_version text NOT NULL, rate_card_hash text NOT NULL,
                currency text NOT NULL
            )
            """,
            // Repeats: a requests file's row is identified by its request_id across the ledger.
            "CREATE INDEX quote_request ON quote (request_id) WHERE line IS NOT NULL",
        ],
        // 2: the front desk's accounts, API tokens and web sessions (secrets stored hashed
        // only: a password as bcrypt, a token or session id as SHA-256 hex). Names in
        // collation "C": compared and ordered byte by byte, as SQLite does.
        [
            """
            CREATE TABLE account (
                name text COLLATE "C" PRIMARY KEY,
                role text NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
                locations text NOT NULL,                -- location ids joined by ','; '' for every location
                password_hash text NOT NULL,
                disabled boolean NOT NULL
            )
            """,
            """
            CREATE TABLE api_token (
                hash text COLLATE "C" PRIMARY KEY,
                user_name text COLLATE "C" NOT NULL REFERENCES account (name),
                created bigint NOT NULL                 -- Unix seconds
            )
            """,
            """
            CREATE TABLE web_session (
                id_hash text COLLATE "C" PRIMARY KEY,
                user_name text COLLATE "C" NOT NULL REFERENCES account (name),
                csrf_token text NOT NULL,
                created bigint NOT NULL,                -- Unix seconds
                last_seen bigint NOT NULL
            )
            """,
            "CREATE INDEX api_token_user ON api_token (user_name)",
            "CREATE INDEX web_session_user ON web_session (user_name)",
            "CREATE INDEX web_session_last_seen ON web_session (last_seen)",
        ],
        // 3: each quote's revenue record (``QuoteColumns/revenue``) packed into one text as
        // ``PackedCells`` reads it, kept by the server as the row changes, and an index
        // holding it: the monthly report reads this column alone, a page of rows in one
        // value, instead of making the text of fourteen columns for each of about a million
        // rows while the report waits.
        // Must equal `PackedCells.Layout(QuoteColumns.revenue).select` (a test checks).
        [
            """
            ALTER TABLE quote ADD COLUMN revenue_packed text GENERATED ALWAYS AS (
                    COALESCE(id::text, '~') || ',' ||
                    COALESCE(octet_length(quote_id::text)::text || ':' || quote_id::text, '-') ||
                    COALESCE(octet_length(location::text)::text || ':' || location::text, '-') ||
                    COALESCE(octet_length(tier::text)::text || ':' || tier::text, '-') ||
                    COALESCE(octet_length(quote_date::text)::text || ':' || quote_date::text, '-') ||
                    COALESCE(octet_length(status::text)::text || ':' || status::text, '-') ||
                    COALESCE(octet_length(accepted_on::text)::text || ':' || accepted_on::text, '-') ||
                    COALESCE(sessions::text, '~') || ',' ||
                    COALESCE(total::text, '~') || ',' ||
                    COALESCE(tax::text, '~') || ',' ||
                    COALESCE(treatment_net::text, '~') || ',' ||
                    COALESCE(addons_per_session::text, '~') || ',' ||
                    COALESCE(addons_per_package::text, '~') || ',' ||
                    COALESCE(octet_length(session_dates::text)::text || ':' || session_dates::text, '-')
            ) STORED
            """,
            // The report's pages as an index-only scan: ids in order, the columns its
            // filter (``QuoteFilter/revenue(from:to:)``) reads, and the packed records, a
            // third of the table's width (once autovacuum has marked a saved batch's pages
            // all-visible; until then the scan also visits the table).
            "CREATE INDEX quote_revenue ON quote (id) INCLUDE (quote_date, status, accepted_on, last_session, revenue_packed)",
        ],
        // 4: client links (the token stored as its SHA-256 hex only; one link a quote, the
        // client's acceptance through it kept with it) and the client's contact, beside
        // the quote table, keyed by the quote's id. The quote table is unchanged.
        [
            """
            CREATE TABLE share_link (
                quote bigint PRIMARY KEY REFERENCES quote (id),
                token_hash text COLLATE "C" NOT NULL UNIQUE,
                created bigint NOT NULL,                -- Unix seconds
                revoked bigint,                         -- Unix seconds; NULL while not revoked
                accepted_at bigint,                     -- Unix seconds: the client's acceptance through the link
                accepted_name text,                     -- the name the client typed
                accepted_fingerprint text,              -- SHA-256 hex of the quote's content
                CHECK ((accepted_at IS NULL) = (accepted_name IS NULL) AND (accepted_at IS NULL) = (accepted_fingerprint IS NULL))
            )
            """,
            """
            CREATE TABLE client_contact (
                quote bigint PRIMARY KEY REFERENCES quote (id),
                contact text NOT NULL                   -- phone or e-mail, free text, at most 200 characters
            )
            """,
        ],
        // 5: the audit trail (``AuditRecord``'s columns), append-only: see ``auditProtection``.
        auditMigration,
        // 6: a notification on the channel `spaquote_accounts` at the commit of any change
        // to accounts, API tokens or sessions (``AccountChanges``): servers keep the
        // lookups made at every request until one arrives.
        [
            """
            CREATE OR REPLACE FUNCTION spaquote_accounts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('spaquote_accounts', '');
                RETURN NULL;
            END
            $$
            """,
            "CREATE TRIGGER account_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON account FOR EACH STATEMENT EXECUTE FUNCTION spaquote_accounts_changed()",
            "CREATE TRIGGER api_token_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_token FOR EACH STATEMENT EXECUTE FUNCTION spaquote_accounts_changed()",
            "CREATE TRIGGER web_session_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON web_session FOR EACH STATEMENT EXECUTE FUNCTION spaquote_accounts_changed()",
        ],
    ]

    /// What a database holds.
    enum State: Equatable {
        /// No table at all.
        case empty
        /// A ledger at `version`, with or without its quote table.
        case ledger(version: Int, hasQuotes: Bool)
        /// A `spaquote_schema` table that does not mark a spaquote ledger.
        case badMark
        /// Other tables (the first few names), no mark.
        case foreign([String])
    }

    static func inspect(_ c: PostgresConnection) async throws -> State {
        var tables: [String] = []
        let rows = try await c.query("""
            SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') ORDER BY c.relname
            """, logger: PostgresStore.logger)
        for try await (name) in rows.decode(String.self) { tables.append(name) }
        if tables.isEmpty { return .empty }
        guard tables.contains("spaquote_schema") else { return .foreign(Array(tables.prefix(5))) }
        var marks: [(String, Int)] = []
        let mark = try await c.query("SELECT application, version FROM spaquote_schema", logger: PostgresStore.logger)
        for try await (application, version) in mark.decode((String, Int).self) { marks.append((application, version)) }
        guard marks.count == 1, marks[0].0 == application, marks[0].1 >= 0 else { return .badMark }
        return .ledger(version: marks[0].1, hasQuotes: tables.contains("quote"))
    }

    /// Checks that the database is a current ledger: creates it (when `create`) or upgrades
    /// it, under the migration lock; refuses anything else, untouched.
    static func prepare(_ c: PostgresConnection, create: Bool, failure: PostgresFailure) async throws {
        if try await check(inspect(c), create: create, failure: failure) { return }
        try await PostgresStore.transaction(on: c) {
            try await c.execute("SELECT pg_advisory_xact_lock(\(lockClass), \(migrationLock))")
            // Another process may have created or upgraded it meanwhile.
            let state = try await inspect(c)
            if try check(state, create: create, failure: failure) { return }
            var from = 0
            if case let .ledger(version, _) = state { from = version } else {
                for statement in mark { try await c.execute(PostgresQuery(unsafeSQL: statement)) }
                try await c.execute("INSERT INTO spaquote_schema (application, version) VALUES (\(application), 0)")
            }
            for migration in migrations[from...] {
                for statement in migration { try await c.execute(PostgresQuery(unsafeSQL: statement)) }
            }
            try await c.execute("UPDATE spaquote_schema SET version = \(version)")
        }
    }

    /// True when `state` is a current ledger; throws when it must be refused; false when it
    /// needs creating or upgrading.
    private static func check(_ state: State, create: Bool, failure: PostgresFailure) throws(LedgerError) -> Bool {
        let ledger = failure.ledger
        switch state {
        case .empty:
            guard create else {
                throw .cannotOpen(ledger: ledger, reason: "the database holds no ledger yet (save a quote into it first)")
            }
            return false
        case let .ledger(v, hasQuotes):
            if v > version { throw .newerSchema(ledger: ledger) }
            if v < version { return false }
            guard hasQuotes else { throw .damaged(ledger: ledger, reason: "its quote table is missing") }
            return true
        case .badMark:
            throw .notALedger(ledger: ledger, reason: "its spaquote_schema table does not mark a spaquote ledger")
        case let .foreign(tables):
            let names = tables.map { "'" + ShownText.inert($0) + "'" }.joined(separator: ", ")
            throw .notALedger(ledger: ledger, reason: "the database holds other tables (\(names)) and no spaquote mark")
        }
    }

    /// Migration 5: the audit trail, append-only in three ways. The store has no UPDATE or
    /// DELETE of it; a trigger refuses UPDATE, DELETE and TRUNCATE whoever runs them (a
    /// superuser or the owner can drop the trigger: it stops mistakes, not them); and
    /// UPDATE, DELETE and TRUNCATE are revoked from PUBLIC and from the role that ran the
    /// migration, so that role needs to GRANT them back to itself first.
    ///
    /// Full protection is the chain's DBA's part: migrate as an owner role (the first
    /// `spaquote` run on a new or older ledger, e.g. `postgresql://spaquote_owner@...`), then
    /// serve (and run the command line) as another role holding only `SELECT, INSERT` on
    /// `audit_event` (and `USAGE` on its sequence `audit_event_id_seq`), with the rights it
    /// needs on the other tables. That role can neither change the trail nor drop its
    /// trigger; the owner's password stays with the DBA.
    static let auditMigration = [
        """
        CREATE TABLE audit_event (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at bigint NOT NULL,                     -- Unix seconds, UTC
            action text NOT NULL,                   -- AuditAction's raw value
            actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'client-link', 'command-line')),
            actor_name text COLLATE "C" NOT NULL,   -- the user (web or operating system); '' for a client link
            address text,                           -- the web request's remote address; NULL from the command line
            quote bigint,                           -- the quote's id (year x 10,000,000 + seq)
            location text COLLATE "C",              -- that quote's location id
            detail text NOT NULL
        )
        """,
        "CREATE INDEX audit_event_quote ON audit_event (quote) WHERE quote IS NOT NULL",
        "CREATE INDEX audit_event_at ON audit_event (at)",
        """
        CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the audit trail is append-only: % of audit_event refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """,
        """
        CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event
            FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()
        """,
        """
        CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
            FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()
        """,
        "REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC, CURRENT_USER",
    ]
}
