import Pricing

/// A client's answer to a saved quote.
public enum StatusChange: Sendable, Equatable {
    /// Accepted on `day`; `overriding` accepts a declined or expired quote all the same.
    case accept(on: LocalDate, overriding: Bool)
    case decline
}

/// Why a status change does not apply. ``overridable`` refusals may be overridden on
/// purpose (``StatusChange/accept(on:overriding:)``); each interface says how.
public enum StatusRefusal: Sendable, Equatable, CustomStringConvertible {
    case alreadyAccepted
    case alreadyDeclined
    /// Accepting a declined quote.
    case wasDeclined
    /// Accepting before the quote date.
    case beforeQuoteDate(day: LocalDate, quoteDate: LocalDate)
    /// Accepting after the validity date.
    case expired(day: LocalDate, validUntil: LocalDate)
    /// Declining an accepted quote: its revenue is booked.
    case acceptedCannotDecline

    /// Whether the refusal can be overridden on purpose.
    public var overridable: Bool {
        switch self {
        case .wasDeclined, .expired: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .alreadyAccepted: "is already accepted"
        case .alreadyDeclined: "is already declined"
        case .wasDeclined: "was declined"
        case let .beforeQuoteDate(day, quoteDate): "cannot be accepted on \(day), before its quote date \(quoteDate)"
        case let .expired(_, validUntil): "was valid until \(validUntil); re-quote the client"
        case .acceptedCannotDecline: "is accepted; its revenue is booked, so it cannot be declined"
        }
    }
}

/// A quote's new status, as a store writes it.
public struct StatusUpdate: Sendable, Equatable {
    public var status: QuoteStatus
    /// Set for ``QuoteStatus/accepted`` only.
    public var acceptedOn: LocalDate?
}

extension StatusChange {
    /// The update this change makes to `quote`, or the refusal (thrown as
    /// ``LedgerError/statusChange(quoteID:refusal:)``). The one place the rules live; a
    /// store reads the row, asks this, and writes the answer in one transaction.
    public func update(of quote: Quote) throws(LedgerError) -> StatusUpdate {
        let id = quote.quoteID, status = quote.request.status
        switch self {
        case let .accept(day, overriding):
            if status == .accepted { throw .statusChange(quoteID: id, refusal: .alreadyAccepted) }
            if status == .declined && !overriding { throw .statusChange(quoteID: id, refusal: .wasDeclined) }
            if day < quote.quoteDate { throw .statusChange(quoteID: id, refusal: .beforeQuoteDate(day: day, quoteDate: quote.quoteDate)) }
            if day > quote.validUntil && !overriding {
                throw .statusChange(quoteID: id, refusal: .expired(day: day, validUntil: quote.validUntil))
            }
            return StatusUpdate(status: .accepted, acceptedOn: day)
        case .decline:
            if status == .accepted { throw .statusChange(quoteID: id, refusal: .acceptedCannotDecline) }
            if status == .declined { throw .statusChange(quoteID: id, refusal: .alreadyDeclined) }
            return StatusUpdate(status: .declined, acceptedOn: nil)
        }
    }
}
