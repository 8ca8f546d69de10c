/// A quote request as text, exactly as it came from a CSV row or the command line
/// (SPEC section 3). Absent or blank fields are nil. ``QuoteRequest/init(fields:)``
/// turns it into a typed request.
public struct RequestFields: Sendable, Equatable {
    public var requestID: String?
    public var client: String?
    public var location: String?
    public var tier: String?
    /// Area ids separated by `;` (the command line also accepts `,`).
    public var areas: String?
    public var sessions: String?
    public var spacingWeeks: String?
    public var startDate: String?
    /// Add-on ids separated by `;`.
    public var addons: String?
    public var promo: String?
    public var quoteDate: String?
    public var status: String?
    public var acceptedOn: String?

    public init(requestID: String? = nil, client: String? = nil, location: String? = nil, tier: String? = nil,
                areas: String? = nil, sessions: String? = nil, spacingWeeks: String? = nil, startDate: String? = nil,
                addons: String? = nil, promo: String? = nil, quoteDate: String? = nil, status: String? = nil,
                acceptedOn: String? = nil) {
        self.requestID = requestID; self.client = client; self.location = location; self.tier = tier
        self.areas = areas; self.sessions = sessions; self.spacingWeeks = spacingWeeks; self.startDate = startDate
        self.addons = addons; self.promo = promo; self.quoteDate = quoteDate; self.status = status
        self.acceptedOn = acceptedOn
    }

    /// The column names of SPEC section 3, in the order quotes and rejects list them.
    public static let columns = ["request_id", "client", "location", "tier", "areas", "sessions", "spacing_weeks",
                                 "start_date", "addons", "promo", "quote_date", "status", "accepted_on"]

    /// Sets the field of ``columns``[`index`] (a direct switch: batches set millions).
    public mutating func set(columnIndex index: Int, to value: String) {
        switch index {
        case 0: requestID = value
        case 1: client = value
        case 2: location = value
        case 3: tier = value
        case 4: areas = value
        case 5: sessions = value
        case 6: spacingWeeks = value
        case 7: startDate = value
        case 8: addons = value
        case 9: promo = value
        case 10: quoteDate = value
        case 11: status = value
        case 12: acceptedOn = value
        default: break
        }
    }

}
