import Ledger
import Pricing
import Workflows

/// Quotes as a caller may see and change them: the access rule (``Account/worksAt(_:)``,
/// ``Account/visible(_:)``) applied here for every page and API route, the pricing,
/// saving and status changes done by the libraries the command line calls.
extension Desk {
    /// Where web saves come from, in the ledger's `source` column.
    static let source = QuoteSource.other("web")

    /// Prices `fields` as `spaquote quote` does (``QuoteEngine``, today's date unless the
    /// request names its quote date); a location the caller does not work at is refused
    /// as a `location` field problem (422).
    func price(_ fields: RequestFields, for caller: Caller) throws -> Quote {
        let request = try QuoteRequest(fields: fields)
        guard caller.account.worksAt(request.location) else {
            throw PricingError.invalidRequest(field: "location", value: request.location,
                                              reason: "is not one of your locations; choose one of yours")
        }
        return try QuoteEngine.quote(request, card: card, today: clock.today())
    }

    /// Prices and saves `fields` (with the concurrent saves, ``SaveGroup``); returns the quote as saved, with the ledger's id.
    func save(_ fields: RequestFields, for caller: Caller) async throws -> Quote {
        let quote = try price(fields, for: caller)
        return try await saves.save(quote)
    }

    /// The saved quote `id` if the caller sees it; one of another location answers as an
    /// unknown one does (``LedgerError/notFound(ledger:quoteID:)``).
    func entry(_ id: String, for caller: Caller) async throws -> LedgerEntry {
        let entry = try await ledger.entry(id: id)
        guard caller.account.worksAt(entry.quote.request.location) else {
            throw LedgerError.notFound(ledger: ledger.name, quoteID: id)
        }
        return entry
    }

    /// Applies `change` to quote `id` if the caller sees it (else 404 as unknown).
    func change(_ id: String, _ change: StatusChange, for caller: Caller) async throws -> LedgerEntry {
        _ = try await entry(id, for: caller)
        return try await ledger.changeStatus(id: id, change)
    }

    /// Up to `limit` quotes after `after` matching `filter` (the client search included:
    /// ``ListQuery/filter``) among those the caller sees, in id order, with the id to
    /// continue after when there are more. One read of `limit + 1` rows: the store filters
    /// and pages (keyset, by id), nothing is filtered here.
    func list(_ filter: QuoteFilter, after: QuoteNumber?, limit: Int,
              for caller: Caller) async throws -> (entries: [LedgerEntry], next: QuoteNumber?) {
        let page = try await ledger.entries(matching: caller.account.visible(filter), after: after, limit: limit + 1)
        guard page.count > limit else { return (page, nil) }
        let shown = Array(page.prefix(limit))
        return (shown, shown.last.flatMap { QuoteNumber($0.quote.quoteID) })
    }
}
