import Pricing

/// What a client link is now, as the rules of ``ShareLink/state(of:today:)`` decide it.
public enum ShareLinkState: Sendable, Equatable {
    /// The client may open the quote and accept it.
    case active
    /// The client accepted through the link: the page shows the acceptance; no second one.
    case accepted(LinkAcceptance)
    /// A manager revoked it at this time (Unix seconds): it shows nothing.
    case revoked(at: Int64)
    /// Used up: the quote was accepted (other than through the link) or declined by the
    /// clinic, or its validity has passed. It shows nothing.
    case closed(ShareLinkClosure)

    /// Whether the client page shows the quote (``active`` or ``accepted``).
    public var showsQuote: Bool {
        switch self {
        case .active, .accepted: true
        case .revoked, .closed: false
        }
    }
}

/// Why a link no longer works though it was not revoked.
public enum ShareLinkClosure: String, Sendable, Equatable {
    /// The clinic recorded an acceptance (`ledger accept`, the quote page, the API).
    case acceptedByClinic
    case declined
    /// The quote's validity date has passed (and it was not accepted).
    case expired
}

extension ShareLink {
    /// The link's state for `quote` (the quote it links, as the ledger now holds it) on
    /// `today` (the server's date). The one place the rules live: a revoked link shows
    /// nothing; an acceptance through the link stays shown; a quote accepted or declined
    /// otherwise, or past its validity date, closes the link.
    public func state(of quote: Quote, today: LocalDate) -> ShareLinkState {
        if let revoked { return .revoked(at: revoked) }
        if let acceptance { return .accepted(acceptance) }
        switch quote.request.status {
        case .accepted: return .closed(.acceptedByClinic)
        case .declined: return .closed(.declined)
        case .quoted: return today > quote.validUntil ? .closed(.expired) : .active
        }
    }

    /// The status update that accepting `quote` through this link on `today` makes: the
    /// staff's rule (``StatusChange/accept(on:overriding:)``, never overriding), after the
    /// link's own.
    ///
    /// - Throws: ``LedgerError/statusChange(quoteID:refusal:)`` with ``StatusRefusal/alreadyAccepted``
    ///   when the client accepted through the link already; ``LedgerError/linkUnavailable(ledger:)``
    ///   when the link shows nothing (revoked, closed); the staff rule's refusals otherwise
    ///   (a quote dated after today).
    public func accepting(_ quote: Quote, today: LocalDate, ledger: String) throws(LedgerError) -> StatusUpdate {
        switch state(of: quote, today: today) {
        case .active: return try StatusChange.accept(on: today, overriding: false).update(of: quote)
        case .accepted: throw .statusChange(quoteID: quote.quoteID, refusal: .alreadyAccepted)
        case .revoked, .closed: throw .linkUnavailable(ledger: ledger)
        }
    }
}
