import Pricing

/// A ledger of saved quotes in one store (a SQLite file, a PostgreSQL database): the
/// contract both stores keep, async so that a server can call it. A store is handed its
/// database when it is made; every rule (numbering, repeats, status changes, what a
/// report reads, decoding and checking rows) lives in this module, and a store only runs
/// its SQL.
///
/// Every method throws ``LedgerError`` (and nothing else) naming ``name``.
public protocol LedgerStore: AnyObject, Sendable {
    /// How messages name the ledger: a file's path, or a PostgreSQL URL without its password.
    var name: String { get }

    /// Opens a transaction for saving, holding the ledger's write lock until it commits or
    /// rolls back (another saver waits for it: quote numbers stay consecutive).
    func beginSave() async throws -> any SaveTransaction

    /// The saved quote numbered `number`; throws ``LedgerError/notFound(ledger:quoteID:)``.
    func entry(_ number: QuoteNumber) async throws -> LedgerEntry

    /// Up to `limit` saved quotes matching `filter`, in id order, after `after` (the last
    /// id of the previous page; nil for the first page).
    func entries(matching filter: QuoteFilter, after: QuoteNumber?, limit: Int) async throws -> [LedgerEntry]

    /// Up to `limit` revenue records of quotes matching `filter`, in id order, after `after`.
    func revenueRecords(matching filter: QuoteFilter, after: QuoteNumber?, limit: Int) async throws -> [RevenueRecord]

    /// Applies `change` to the quote numbered `number` in one transaction: the row is read
    /// and checked (``LedgerEntry/init(row:)``), ``StatusChange/update(of:)`` decides, and
    /// the store writes its answer. Returns the quote as it now is.
    func changeStatus(of number: QuoteNumber, _ change: StatusChange) async throws -> LedgerEntry

    /// Counts and sums of the saved quotes (``LedgerSummary``).
    func summary() async throws -> LedgerSummary

    /// Closes the store's connections; nothing may be called after.
    func close() async throws
}

/// What a store does inside a save transaction (the SQL that stores rows): opened by
/// ``LedgerStore/beginSave()``, driven by ``SaveSession``, which holds the rules.
public protocol SaveTransaction: AnyObject {
    /// The highest count (``QuoteNumber/seq``) saved in `year`, 0 when none.
    func lastSequence(year: Int) async throws -> Int
    /// Whether any saved quote came from a requests file (has a `line`).
    func holdsRequestRows() async throws -> Bool
    /// Of `requestIDs`, those a saved quote from a requests file has, with that quote's id.
    func savedRequests(_ requestIDs: [String]) async throws -> [String: String]
    /// Stores the rows. A store may buffer them; all are in the ledger after ``commit()``,
    /// none after ``rollback()`` or a failure.
    func insert(_ rows: [QuoteRow]) async throws
    /// Sends the rows buffered so far to the store and waits until it has them, so that a
    /// failure to store them shows now rather than at ``commit()``.
    func flush() async throws
    /// Stores the links, contacts and audit events of quotes inserted earlier in this
    /// transaction (after ``flush()``), as ``ShareLinkStore/setShareLink(quote:tokenHash:created:)``,
    /// ``ShareLinkStore/setClientContact(_:quote:)`` and ``AuditStore/appendAudit(_:)-([AuditEvent])``
    /// would, but committed with them; a link also gets the attachment's revocation and, when
    /// the quote had no link, its acceptance (``QuoteAttachment/linkRevoked``, ``QuoteAttachment/linkAcceptance``:
    /// what `ledger copy` carries over).
    func attach(_ attachments: [QuoteAttachment]) async throws
    /// Appends `events` in order (each gets the store's next id; ``AuditEvent/id`` is
    /// ignored), as ``AuditStore/appendAudit(_:)-([AuditEvent])`` would, but committed with
    /// the transaction: `ledger copy` carries a trail over with its quotes.
    func appendAudit(_ events: [AuditEvent]) async throws
    func commit() async throws
    /// Discards everything of the transaction (never throws: a lost connection discards it too).
    func rollback() async
}

/// Counts and sums over a ledger's quotes: how a copy is checked.
public struct LedgerSummary: Sendable, Equatable, CustomStringConvertible {
    public var quoted = 0
    public var accepted = 0
    public var declined = 0
    /// The sum of `total` over every quote, in cents.
    public var total: Int64 = 0
    /// The sum of `tax` over every quote, in cents.
    public var tax: Int64 = 0
    /// The highest ``QuoteNumber/rowID``, 0 when empty.
    public var lastRowID: Int64 = 0

    public init(quoted: Int = 0, accepted: Int = 0, declined: Int = 0, total: Int64 = 0, tax: Int64 = 0, lastRowID: Int64 = 0) {
        self.quoted = quoted; self.accepted = accepted; self.declined = declined
        self.total = total; self.tax = tax; self.lastRowID = lastRowID
    }

    /// Every quote.
    public var quotes: Int { quoted + accepted + declined }

    public var description: String {
        "\(quotes) quotes (\(quoted) quoted, \(accepted) accepted, \(declined) declined), totals \(Money(cents: total)), tax \(Money(cents: tax))"
    }
}
