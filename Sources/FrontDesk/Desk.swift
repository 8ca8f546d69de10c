import Hummingbird
import Ledger
import Mustache
import Pricing
import Workflows

/// What every handler shares: the settings, the rate card, the ledger (quotes, accounts
/// and sessions), the clock and the page templates. Made once by ``FrontDesk/application(settings:store:clock:onListening:)``.
final class Desk: Sendable {
    let settings: ServerSettings
    let card: RateCard
    let ledger: any LedgerStore
    let accounts: any AccountStore
    /// The accounts' rules: passwords (bcrypt, through the server's one ``BcryptGate``) and API tokens.
    let book: AccountBook
    /// Failed sign-ins by name and by address.
    let throttle = SignInThrottle()
    /// The batches run on this server (in memory).
    let batches = BatchJobs()
    let clock: FrontDeskClock
    let pages: MustacheLibrary
    let stylesheet: String
    /// The new-quote page's script (`Static/frontdesk.js`): re-prices as the clerk types.
    let script: String
    let openAPI: String
    /// The session cookie under the settings' ``ServerSettings/secureCookies``.
    var cookie: SessionCookie { SessionCookie(secure: settings.secureCookies) }
    /// Web saves, grouped into ledger transactions (``SaveGroup``).
    let saves: SaveGroup
    /// Told when an audit event could not be added (``Desk/recording(_:from:)``).
    let onAuditFailure: @Sendable (String) -> Void

    init(settings: ServerSettings, card: RateCard, ledger: any LedgerStore, accounts: any AccountStore,
         clock: FrontDeskClock, bcrypt: BcryptGate, pages: MustacheLibrary, stylesheet: String, script: String, openAPI: String,
         onAuditFailure: @escaping @Sendable (String) -> Void = { _ in }) {
        self.onAuditFailure = onAuditFailure
        self.settings = settings; self.card = card; self.ledger = ledger; self.accounts = accounts
        self.book = AccountBook(store: accounts, gate: bcrypt)
        self.saves = SaveGroup(ledger: ledger, source: Self.source, rateCardHash: card.contentHash)
        self.clock = clock; self.pages = pages; self.stylesheet = stylesheet; self.script = script; self.openAPI = openAPI
    }
}
