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
        func text(_ v: String?) -> String? { v.flatMap(trimmedText) }
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
            guard var t = text(v) else { return [] }
            // Split on ';' as UTF-8 bytes (';' never occurs inside a multi-byte character).
            var items: [String] = []
            items.reserveCapacity(4)
            var problem: String?
            t.withUTF8 { buf in
                var start = 0
                for i in 0...buf.count where i == buf.count || buf[i] == 0x3B {
                    var lo = start, hi = i
                    while lo < hi && (buf[lo] == 0x20 || buf[lo] == 0x09) { lo += 1 }
                    while hi > lo && (buf[hi - 1] == 0x20 || buf[hi - 1] == 0x09) { hi -= 1 }
                    start = i + 1
                    guard lo < hi else { problem = "has an empty item; separate ids with a single ';'"; return }
                    let item = String(decoding: UnsafeBufferPointer(rebasing: buf[lo..<hi]), as: UTF8.self)
                    guard !items.contains(item) else { problem = "names '\(item)' twice; list each id once"; return }
                    items.append(item)
                }
            }
            if let problem { throw .invalidRequest(field: field, value: t, reason: problem) }
            return items
        }
        /// Free text is any Unicode but U+0000, which no ledger can keep.
        func free(_ t: String, _ field: String) throws(PricingError) -> String {
            guard t.utf8.contains(0) else { return t }
            throw .invalidRequest(field: field, value: t.replacingNUL, reason: "holds the character U+0000 (NUL); remove it")
        }
        requestID = try free(try required(f.requestID, "request_id"), "request_id")
        client = try free(text(f.client) ?? "", "client")
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

/// `s` without surrounding spaces and tabs; nil when nothing is left. Scans the UTF-8
/// bytes in place and copies only when there is something to trim.
func trimmedText(_ s: String) -> String? {
    var s = s
    let (lo, hi, count) = s.withUTF8 { buf -> (Int, Int, Int) in
        var lo = 0, hi = buf.count
        while lo < hi && (buf[lo] == 0x20 || buf[lo] == 0x09) { lo += 1 }
        while hi > lo && (buf[hi - 1] == 0x20 || buf[hi - 1] == 0x09) { hi -= 1 }
        return (lo, hi, buf.count)
    }
    if lo == hi { return nil }
    if lo == 0 && hi == count { return s }
    return s.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[lo..<hi]), as: UTF8.self) }
}

extension String {
    /// The text with each U+0000 written as `\u{0}` (for a message that shows it).
    var replacingNUL: String {
        String(unicodeScalars.map { $0 == "\u{0}" ? "\\u{0}" : String($0) }.joined())
    }
}
