import GRDB
import GRDBSQLite
import Pricing

/// Saves quotes inside one ledger transaction (see ``Ledger/save(_:)``).
///
/// Its statements are prepared through GRDB when it is made; ``save(_:source:line:rateCardHash:)``
/// then runs them through SQLite's C API only, so a batch can call it from its writer
/// thread while the thread that owns the GRDB connection waits for the batch (the
/// connection is never used by two threads at once). ``commit()`` goes through GRDB and
/// must be called on the thread that opened the transaction.
public final class LedgerWriter: @unchecked Sendable {
    let db: Database
    let path: String
    private let connection: OpaquePointer
    // GRDB owns the prepared statements; SQLiteRow binds and runs them through the C API.
    private let statements: [Statement]
    private let insertQuote: OpaquePointer
    private let maxSeq: OpaquePointer
    private let findRepeat: OpaquePointer
    private let insertSource: OpaquePointer
    private let findSource: OpaquePointer
    /// The quote row's buffers, kept between saves so they are not allocated again.
    private var quoteRow = SQLiteRow()
    private var nextSeq: [Int: Int] = [:]
    private var lastSource: (path: String, id: Int64)?
    private(set) var committed = false

    /// Source name of quotes given on the command line (never refused as repeats).
    public static let commandLineSource = "cli"

    init(db: Database, path: String) throws {
        self.db = db
        self.path = path
        guard let connection = db.sqliteConnection else { throw LedgerError.database(path: path, reason: "the ledger is closed") }
        self.connection = connection
        let quoteStatement = try db.makeStatement(sql: """
            INSERT INTO quote (id, quote_id, year, seq, source, line, request_id, client, location, location_name, tier,
              tier_name, areas, area_names, addons, sessions, spacing_weeks, start_date, promo, promo_code, quote_date,
              valid_until, first_session, last_session, status, accepted_on, session_list_price, session_price,
              price_limit, list_total, series_discount_percent, series_discount, promo_discount, treatment_net,
              addons_total, addons_per_session, addons_per_package, taxable_amount, tax_rate, tax, total,
              deposit_percent, deposit, balance, per_session_price, session_dates, addon_lines, installments,
              rate_card_name, rate_card_version, rate_card_hash, currency)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
              ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let maxSeqStatement = try db.makeStatement(sql: "SELECT MAX(id) - ? FROM quote WHERE id > ? AND id < ?")
        // "line IS NOT NULL" lets SQLite use the partial unique index.
        let repeatStatement = try db.makeStatement(
            sql: "SELECT quote_id FROM quote WHERE source = ? AND request_id = ? AND line IS NOT NULL")
        let sourceInsert = try db.makeStatement(sql: "INSERT OR IGNORE INTO quote_source (path) VALUES (?)")
        let sourceFind = try db.makeStatement(sql: "SELECT id FROM quote_source WHERE path = ?")
        statements = [quoteStatement, maxSeqStatement, repeatStatement, sourceInsert, sourceFind]
        insertQuote = quoteStatement.sqliteStatement
        maxSeq = maxSeqStatement.sqliteStatement
        findRepeat = repeatStatement.sqliteStatement
        insertSource = sourceInsert.sqliteStatement
        findSource = sourceFind.sqliteStatement
    }

    /// Saves `quote`, giving it the ledger's id (`Q-YYYY-NNNNNN`, by quote-date year).
    ///
    /// - Parameters:
    ///   - source: the requests file's absolute path, or ``commandLineSource``.
    ///   - line: the line of the request in `source`.
    ///   - rateCardHash: ``RateCard/contentHash`` of the card that priced it.
    /// - Returns: nil when saved, or why it was refused (a request_id already saved from
    ///   the same file; the unique index finds it, so saving costs no lookup first).
    public func save(_ quote: inout Quote, source: String, line: Int?, rateCardHash: String) throws -> String? {
        let r = quote.request
        let sourceID = try self.sourceID(source)
        let fromFile = source != LedgerWriter.commandLineSource
        let year = quote.quoteDate.year
        let seq = try nextSeq[year] ?? (try maxSeqNumber(year) + 1)
        guard seq < QuoteNumber.perYear else {
            throw LedgerError.database(path: path, reason: "the ledger holds \(QuoteNumber.perYear - 1) quotes dated \(year), its most for one year; start a new ledger file")
        }
        let number = QuoteNumber(year: year, seq: seq)
        let id = number.description
        var perSession = Money.zero, perPackage = Money.zero
        for a in quote.addonLines { if a.per == .session { perSession += a.amount } else { perPackage += a.amount } }
        // Built in a local (see SQLiteRow), reusing the buffers of the previous save.
        var b = quoteRow
        quoteRow = SQLiteRow()
        defer {
            b.reset()
            quoteRow = b
        }
        b.int(number.rowID); b.text(id); b.int(year); b.int(seq); b.int(sourceID)
        if fromFile, let line { b.int(line) } else { b.null() }
        b.text(r.requestID); b.text(r.client); b.text(r.location); b.text(quote.locationName); b.text(r.tier)
        b.text(quote.tierName); b.text(joining: r.areas, separator: 0x3B); b.text(joining: quote.areaNames, separator: 0x1F)
        b.text(joining: r.addons, separator: 0x3B); b.int(r.sessions); b.int(quote.spacingWeeks)
        b.date(r.startDate ?? quote.quoteDate); b.text(r.promo); b.text(quote.promoCode)
        b.date(quote.quoteDate); b.date(quote.validUntil); b.date(quote.firstSession)
        b.date(quote.lastSession); b.text(r.status.rawValue); b.date(r.acceptedOn)
        b.int(quote.sessionListPrice.cents); b.int(quote.sessionPrice.cents); b.text(quote.priceLimit.rawValue)
        b.int(quote.listTotal.cents); b.int(quote.seriesDiscountPercent.units); b.int(quote.seriesDiscount.cents)
        b.int(quote.promoDiscount.cents); b.int(quote.treatmentNet.cents); b.int(quote.addonsTotal.cents)
        b.int(perSession.cents); b.int(perPackage.cents); b.int(quote.taxableAmount.cents); b.int(quote.taxRate.units)
        b.int(quote.tax.cents); b.int(quote.total.cents); b.int(quote.depositPercent.units); b.int(quote.deposit.cents)
        b.int(quote.balance.cents); b.int(quote.perSessionPrice.cents)
        b.text { bytes in
            for (i, s) in quote.schedule.sessions.enumerated() {
                if i > 0 { bytes.append(0x20) }
                s.date.appendISO(to: &bytes)
            }
        }
        b.text { AddonLinesText.encode(quote.addonLines, to: &$0) }
        b.text { bytes in
            for (i, installment) in quote.installments.enumerated() {
                if i > 0 { bytes.append(0x20) }
                ASCIIDecimal.append(installment.amount.cents, to: &bytes)
            }
        }
        b.text(quote.rateCardName); b.text(quote.rateCardVersion); b.text(rateCardHash); b.text(quote.currency)
        let code = try step(insertQuote, b, allowingConstraintFailure: fromFile)
        if code == SQLITE_CONSTRAINT {
            let existing = try repeatedQuote(source: sourceID, requestID: r.requestID) ?? "an earlier quote"
            return "request_id '\(r.requestID)': already saved from this file as \(existing); not saved again (give the row a new request_id to save it as a new quote)"
        }
        nextSeq[year] = seq + 1
        quote.quoteID = id
        return nil
    }

    /// Runs a bound statement that returns no rows; throws SQLite's failures (a constraint
    /// failure is returned instead when allowed).
    private func step(_ statement: OpaquePointer, _ row: SQLiteRow, allowingConstraintFailure: Bool) throws -> Int32 {
        let code = row.step(statement)
        if code == SQLITE_DONE { return code }
        if allowingConstraintFailure && code & 0xFF == SQLITE_CONSTRAINT { return SQLITE_CONSTRAINT }
        throw failure(code)
    }

    /// The first column of a bound query's first row, as text, or nil without a row.
    private func firstText(_ statement: OpaquePointer, _ row: SQLiteRow) throws -> String? {
        var text: String?
        let code = row.step(statement) { statement in text = sqlite3_column_text(statement, 0).map { String(cString: $0) } }
        guard code == SQLITE_ROW || code == SQLITE_DONE else { throw failure(code) }
        return text
    }

    private func failure(_ code: Int32) -> LedgerError {
        if code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED { return .locked(path: path) }
        if code & 0xFF == SQLITE_CORRUPT || code & 0xFF == SQLITE_NOTADB {
            return .damaged(path: path, reason: "SQLite finds it malformed (" + String(cString: sqlite3_errmsg(connection)) + ")")
        }
        return .database(path: path, reason: String(cString: sqlite3_errstr(code)) + ": " + String(cString: sqlite3_errmsg(connection)))
    }

    private func maxSeqNumber(_ year: Int) throws -> Int {
        let base = QuoteNumber(year: year, seq: 0).rowID
        var row = SQLiteRow()
        row.int(base); row.int(base); row.int(base + Int64(QuoteNumber.perYear))
        return try firstText(maxSeq, row).flatMap { Int($0) } ?? 0
    }

    private func repeatedQuote(source: Int64, requestID: String) throws -> String? {
        var row = SQLiteRow()
        row.int(source)
        row.text(requestID)
        return try firstText(findRepeat, row)
    }

    /// The id of a source (requests file or `cli`), added on first use.
    private func sourceID(_ source: String) throws -> Int64 {
        if let last = lastSource, last.path == source { return last.id }
        var row = SQLiteRow()
        row.text(source)
        _ = try step(insertSource, row, allowingConstraintFailure: false)
        guard let text = try firstText(findSource, row), let id = Int64(text) else { throw failure(SQLITE_ERROR) }
        lastSource = (source, id)
        return id
    }

    /// Commits everything saved so far (once; later calls do nothing).
    public func commit() throws {
        guard !committed else { return }
        try db.commit()
        committed = true
    }
}
