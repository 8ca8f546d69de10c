import Pricing

/// A request to price or save, from the API's JSON (SPEC section 9: section 3's field
/// names, `areas` and `addons` arrays of ids, `sessions` and `spacing_weeks` numbers,
/// dates `YYYY-MM-DD`) or from the new-quote form, as the ``RequestFields`` the request
/// parser reads. A field it cannot take is refused as the parser refuses one (422).
enum RequestBody {
    /// The JSON fields a request may have. `status` and `accepted_on` are not among them:
    /// a new quote is quoted; the accept and decline routes answer for the client.
    static let jsonFields: Set = ["request_id", "client", "location", "tier", "areas", "sessions", "spacing_weeks",
                                  "start_date", "addons", "promo", "quote_date", "client_contact"]

    /// The members of a JSON request body (its UTF-8 bytes as received), refused naming
    /// `body` when it is not one JSON object.
    static func object(json bytes: [UInt8]) throws(PricingError) -> [String: JSONValue] {
        guard case let .object(object)? = JSONValue.parse(bytes) else {
            let text = String(decoding: bytes, as: UTF8.self)
            throw .invalidRequest(field: "body", value: String(text.prefix(80)), reason: "is not a JSON object; send the request fields as one")
        }
        return object
    }

    /// The request fields of a JSON body's members (``object(json:)``); `client_contact` is
    /// left to ``contact(_:)``.
    static func fields(_ object: [String: JSONValue]) throws(PricingError) -> RequestFields {
        var f = RequestFields(requestID: "walk-in")
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard jsonFields.contains(key) else {
                throw .invalidRequest(field: key, value: value.shown, reason: "is not a request field here; leave it out")
            }
            if key == "client_contact" { continue }   // not a request field: ``contact(_:)``
            let text = try scalar(value, key)
            f.set(columnIndex: RequestFields.columns.firstIndex(of: key)!, to: text ?? "")
        }
        return f
    }

    /// The fields that take a whole number, written as a JSON integer: `3`, never `3.0`,
    /// `3.5`, `1e1`, `-0`, `"3"` or a number outside Int64 (each refused naming the field).
    static let wholeNumberFields: Set = ["sessions", "spacing_weeks"]

    /// A value as the field's text: a whole number as its digits (``wholeNumberFields``), a
    /// string or number as written, an array of ids joined by `;` (for `areas` and
    /// `addons`), nil for null.
    private static func scalar(_ value: JSONValue, _ key: String) throws(PricingError) -> String? {
        let lists = ["areas", "addons"]
        if value == .null { return nil }
        if wholeNumberFields.contains(key) {
            guard let n = value.wholeNumber else {
                throw .invalidRequest(field: key, value: value.shown,
                                      reason: "must be a whole number written without a fraction, exponent or quotes, for example 3")
            }
            return String(n)
        }
        switch value {
        case .null: return nil
        case let .string(s) where !lists.contains(key), let .number(s) where !lists.contains(key): return s
        case let .array(items) where lists.contains(key):
            var ids: [String] = []
            for item in items {
                guard case let .string(id) = item, !id.utf8.contains(UInt8(ascii: ";")) else {
                    throw .invalidRequest(field: key, value: value.shown, reason: "is not an array of ids; send [\"face\", \"neck\"]")
                }
                ids.append(id)
            }
            return ids.joined(separator: ";")
        default:
            let expected = lists.contains(key) ? "an array of ids, for example [\"face\"]" : "a string or a number"
            throw .invalidRequest(field: key, value: value.shown, reason: "must be \(expected)")
        }
    }
}
