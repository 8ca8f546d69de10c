/// A typed quote request (SPEC section 3): what the client wants priced.
///
/// Optional fields take their defaults from the rate card and the quote date when the
/// engine prices the request.
public struct QuoteRequest: Sendable, Equatable {
    public var requestID: String
    public var client: String
    public var location: String
    public var tier: String
    /// Area ids, in the order given, no repeats.
    public var areas: [String]
    public var sessions: Int
    /// Weeks between sessions; nil takes `default_spacing_weeks`.
    public var spacingWeeks: Int?
    /// First session's planned day; nil takes the quote date.
    public var startDate: LocalDate?
    /// Add-on ids, in the order given, no repeats.
    public var addons: [String]
    /// Promotion code as typed; matched case-insensitively.
    public var promo: String?
    /// The day the quote is given; nil takes "today" as the caller pins it.
    public var quoteDate: LocalDate?
    public var status: QuoteStatus
    public var acceptedOn: LocalDate?

    public init(requestID: String, client: String = "", location: String, tier: String, areas: [String],
                sessions: Int, spacingWeeks: Int? = nil, startDate: LocalDate? = nil, addons: [String] = [],
                promo: String? = nil, quoteDate: LocalDate? = nil, status: QuoteStatus = .quoted,
                acceptedOn: LocalDate? = nil) {
        self.requestID = requestID; self.client = client; self.location = location; self.tier = tier
        self.areas = areas; self.sessions = sessions; self.spacingWeeks = spacingWeeks; self.startDate = startDate
        self.addons = addons; self.promo = promo; self.quoteDate = quoteDate; self.status = status
        self.acceptedOn = acceptedOn
    }

    /// Parses the text fields; spaces around values and list items are ignored.
    ///
    /// - Throws: ``PricingError/invalidRequest(field:value:reason:)`` naming the first
    ///   field that does not parse (rules that need the rate card are checked by ``QuoteEngine``).
    public init(fields f: RequestFields) throws(PricingError) {
        func text(_ v: String?) -> String? {
            guard let t = v?.trimmingSpaces, !t.isEmpty else { return nil }
            return String(t)
        }
        func required(_ v: String?, _ field: String) throws(PricingError) -> String {
            guard let t = text(v) else { throw .invalidRequest(field: field, value: "", reason: "is required; fill it in") }
            return t
        }
        func date(_ v: String?, _ field: String) throws(PricingError) -> LocalDate? {
            guard let t = text(v) else { return nil }
            guard let d = LocalDate(iso: t) else {
                throw .invalidRequest(field: field, value: t, reason: "is not a real date; write YYYY-MM-DD, for example 2026-11-02")
            }
            return d
        }
        func count(_ v: String?, _ field: String) throws(PricingError) -> Int? {
            guard let t = text(v) else { return nil }
            guard t.utf8.count <= 9, t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(t) else {
                throw .invalidRequest(field: field, value: t, reason: "is not a whole number; write digits only, for example 3")
            }
            return n
        }
        func list(_ v: String?, _ field: String) throws(PricingError) -> [String] {
            guard let t = text(v) else { return [] }
            var items: [String] = []
            for raw in t.split(separator: ";", omittingEmptySubsequences: false) {
                let item = String(raw.trimmingSpaces)
                guard !item.isEmpty else {
                    throw .invalidRequest(field: field, value: t, reason: "has an empty item; separate ids with a single ';'")
                }
                guard !items.contains(item) else {
                    throw .invalidRequest(field: field, value: t, reason: "names '\(item)' twice; list each id once")
                }
                items.append(item)
            }
            return items
        }
        requestID = try required(f.requestID, "request_id")
        client = text(f.client) ?? ""
        location = try required(f.location, "location")
        tier = try required(f.tier, "tier")
        let areaText = try required(f.areas, "areas")
        areas = try list(areaText, "areas")
        guard let n = try count(try required(f.sessions, "sessions"), "sessions") else { preconditionFailure() }
        sessions = n
        spacingWeeks = try count(f.spacingWeeks, "spacing_weeks")
        startDate = try date(f.startDate, "start_date")
        addons = try list(f.addons, "addons")
        promo = text(f.promo)
        quoteDate = try date(f.quoteDate, "quote_date")
        if let s = text(f.status) {
            guard let st = QuoteStatus(rawValue: s.lowercased()) else {
                throw .invalidRequest(field: "status", value: s, reason: "is not a status; write quoted, accepted or declined")
            }
            status = st
        } else {
            status = .quoted
        }
        acceptedOn = try date(f.acceptedOn, "accepted_on")
    }
}
