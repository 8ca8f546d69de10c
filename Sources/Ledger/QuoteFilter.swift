import Pricing

/// Which saved quotes a read returns: a small predicate each store turns into its own
/// WHERE clause, with every value bound as a parameter (never written into the SQL).
/// Which quotes a report needs is decided here, once (``revenue(from:to:)``).
public indirect enum QuoteFilter: Sendable, Equatable {
    /// Every quote.
    case all
    /// Quotes whose `quote_date` lies in the range.
    case quoteDate(ClosedRange<LocalDate>)
    /// Accepted quotes whose `accepted_on` lies in the range.
    case acceptedOn(ClosedRange<LocalDate>)
    /// Quotes whose last session (`last_session`) is on or after the day.
    case lastSessionFrom(LocalDate)
    /// Quotes with this status.
    case status(QuoteStatus)
    /// Quotes at one of these locations (ids), in this order.
    case locations([String])
    /// Every one of the filters.
    case and([QuoteFilter])
    /// Any one of the filters.
    case or([QuoteFilter])
    /// Quotes whose client name contains the text, ignoring the case of ASCII letters only:
    /// both the name and the text have `A`-`Z` turned into `a`-`z` (no other character is
    /// folded: `É` and `é` differ, as do `ß` and `ss`), then the text must appear in the
    /// name as a run of the same Unicode scalars (UTF-8 bytes), with no normalization. The
    /// empty text matches every quote; a text holding U+0000 matches none (no stored name
    /// holds it). Every character is literal: `%`, `_`, `\` and quotes have no meaning.
    case clientContains(String)

    /// Quotes dated in `month`.
    public static func quotedIn(_ month: YearMonth) -> QuoteFilter { .quoteDate(month.firstDay...month.lastDay) }

    /// The quotes a monthly revenue report from `first` to `last` needs (SPEC section 7),
    /// so a store reads those alone: quotes issued in the range (quotes issued, quoted value,
    /// conversion), and quotes accepted by its end whose revenue is not all recognized
    /// before its start (booked, recognized and deferred revenue). A quote accepted before
    /// the range whose sessions all came before it has nothing left to recognize or defer.
    public static func revenue(from first: YearMonth, to last: YearMonth) -> QuoteFilter {
        let start = first.firstDay, end = last.lastDay
        return .or([
            .quoteDate(start...end),
            .and([.acceptedOn(LocalDate.earliest...end), .or([.lastSessionFrom(start), .acceptedOn(start...end)])]),
        ])
    }
}
