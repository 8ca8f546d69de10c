import Ledger
import Pricing

/// The quotes list's query (`month`, `status`, `location`, `client`, `after`, `limit`), for
/// the API and the page alike; a value that does not parse is refused by its name (422).
struct ListQuery {
    var month: YearMonth?
    var status: QuoteStatus?
    var location: String?
    var client: String?
    var after: QuoteNumber?
    var limit = 50

    init(_ input: RouteInput) throws(PricingError) {
        if let text = input.query("month") {
            guard let m = YearMonth(iso: text) else { throw .invalidRequest(field: "month", value: text, reason: "is not a month; write YYYY-MM") }
            month = m
        }
        if let text = input.query("status") {
            guard let s = QuoteStatus(rawValue: text) else {
                throw .invalidRequest(field: "status", value: text, reason: "is not quoted, accepted or declined")
            }
            status = s
        }
        location = input.query("location")
        client = input.query("client")
        if let text = input.query("after") {
            guard let n = QuoteNumber(text) else { throw .invalidRequest(field: "after", value: text, reason: "is not a quote id") }
            after = n
        }
        if let text = input.query("limit") {
            guard let n = Int(text), (1...500).contains(n) else {
                throw .invalidRequest(field: "limit", value: text, reason: "is not a whole number from 1 to 500")
            }
            limit = n
        }
    }

    /// The ledger filter of month, status, location and client search
    /// (``QuoteFilter/clientContains(_:)``: a part of the name, ASCII letters in any case),
    /// which the store applies.
    var filter: QuoteFilter {
        let parts = [month.map(QuoteFilter.quotedIn), status.map(QuoteFilter.status),
                     location.map { QuoteFilter.locations([$0]) }, client.map(QuoteFilter.clientContains)].compactMap { $0 }
        return parts.isEmpty ? .all : parts.count == 1 ? parts[0] : .and(parts)
    }
}
