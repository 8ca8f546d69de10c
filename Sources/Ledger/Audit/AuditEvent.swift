import Pricing

/// One line of a ledger's audit trail: who did what, when, from where, to which quote.
/// The trail is append-only: a store adds events (``AuditStore``) and lists them; no
/// code path changes or removes one, and both stores refuse it in the database too.
///
/// Times are Unix seconds (UTC) given by the caller: the ledger reads no clock.
public struct AuditEvent: Sendable, Equatable {
    /// The store's number for the event, increasing in the order events were added; 0 for
    /// an event not yet added (``AuditStore/appendAudit(_:)`` ignores it).
    public var id: Int64
    /// When it happened, Unix seconds (UTC).
    public var at: Int64
    public var action: AuditAction
    public var actor: AuditActor
    /// The remote address of a web request; nil from the command line.
    public var address: String?
    /// The quote it concerns, if one.
    public var quote: QuoteNumber?
    /// That quote's location id (what a manager's view of the trail is limited by); nil
    /// when no quote.
    public var location: String?
    /// A short text: counts ("saved 1000 quotes"), the name a client typed, a report's
    /// months, the user an admin changed. At most ``maxDetailLength`` characters.
    public var detail: String

    /// The longest detail kept, in characters (a longer one is cut, ending with "…").
    public static let maxDetailLength = 500

    public init(id: Int64 = 0, at: Int64, action: AuditAction, actor: AuditActor, address: String? = nil,
                quote: QuoteNumber? = nil, location: String? = nil, detail: String = "") {
        self.id = id; self.at = at; self.action = action; self.actor = actor; self.address = address
        self.quote = quote; self.location = location
        self.detail = detail.count > Self.maxDetailLength ? String(detail.prefix(Self.maxDetailLength - 1)) + "…" : detail
    }

    /// `at` as ISO 8601 in UTC, `2026-11-28T02:50:04Z`.
    public var time: String { Self.time(at) }

    /// `seconds` (Unix, UTC) as ISO 8601, `2026-11-28T02:50:04Z`.
    public static func time(_ seconds: Int64) -> String {
        let (days, rest) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (dayNumber, second) = rest < 0 ? (days - 1, rest + 86_400) : (days, rest)
        let clamped = min(max(Int(clamping: dayNumber), LocalDate.earliestDayNumber), LocalDate.latestDayNumber)
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(LocalDate(dayNumber: clamped))T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }

    /// Midnight UTC starting `day`, Unix seconds: what `--since DATE` means.
    public static func seconds(startOf day: LocalDate) -> Int64 { Int64(day.dayNumber) * 86_400 }
}

/// What was done. The raw values are the stored text and never change.
public enum AuditAction: String, Sendable, CaseIterable, Equatable {
    case signIn = "sign-in"
    case signInFailed = "sign-in-failed"
    /// A sign-in refused because the account or address is locked for a while.
    case signInLocked = "sign-in-locked"
    case signOut = "sign-out"
    case quoteSaved = "quote-saved"
    case quoteAccepted = "quote-accepted"
    case quoteDeclined = "quote-declined"
    case linkCreated = "link-created"
    case linkRevoked = "link-revoked"
    /// A client opened the quote through its link.
    case linkOpened = "link-opened"
    /// A client accepted the quote through its link (the detail holds the name typed).
    case linkAccepted = "link-accepted"
    case batchSaved = "batch-saved"
    case reportDownloaded = "report-downloaded"
    case userAdded = "user-added"
    case userDisabled = "user-disabled"
    /// Password, role or locations changed, an API token issued or revoked.
    case userChanged = "user-changed"
}

/// Who did it.
public enum AuditActor: Sendable, Equatable, CustomStringConvertible {
    /// A signed-in user of the front desk (or the name typed at a failed sign-in).
    case user(String)
    /// A client through a quote's link (no account).
    case clientLink
    /// The command line, run by this operating-system user.
    case commandLine(String)

    /// The stored kind (``AuditRecord/actorKind``).
    public var kind: String {
        switch self {
        case .user: "user"
        case .clientLink: "client-link"
        case .commandLine: "command-line"
        }
    }

    /// The user's name (web or operating system), "" for a client link.
    public var name: String {
        switch self {
        case let .user(name), let .commandLine(name): name
        case .clientLink: ""
        }
    }

    /// `alice`, `client link`, `command line (bob)`.
    public var description: String {
        switch self {
        case let .user(name): name
        case .clientLink: "client link"
        case let .commandLine(name): "command line (\(name))"
        }
    }
}
