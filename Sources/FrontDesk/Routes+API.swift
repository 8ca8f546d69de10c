import Hummingbird
import Ledger
import Pricing
import Reports

/// The JSON API under `/api/v1` (SPEC section 9), but the session routes (``Routes+Session``).
extension RouteTable {
    func addAPI() {
        let desk = desk
        add(.get, "/api/v1/openapi.json", needs: .anyone) { _ in JSONResponse.make(desk.openAPI) }
        add(.post, "/api/v1/price", needs: .capability(.quote)) { input in
            let body = try RequestBody.object(json: Array(input.body.readableBytesView))
            let quote = try desk.price(try RequestBody.fields(body), for: try input.signedIn)
            return JSONResponse.make(bytes: QuoteJSON.bytes(quote))
        }
        add(.post, "/api/v1/quotes", needs: .capability(.quote)) { input in
            let body = try RequestBody.object(json: Array(input.body.readableBytesView))
            let (saved, token) = try await desk.saveWithLink(try RequestBody.fields(body), contact: try RequestBody.contact(body),
                                                             input: input)
            return JSONResponse.make(Self.withShareURL(QuoteJSON.render(saved), token: token), status: .created,
                                     headers: [.location: "/api/v1/quotes/\(saved.quoteID)"])
        }
        add(.get, "/api/v1/quotes/:id", needs: .capability(.quote)) { input in
            JSONResponse.make(bytes: QuoteJSON.bytes(try await desk.entry(input.parameter("id"), for: try input.signedIn).quote))
        }
        add(.get, "/api/v1/quotes", needs: .capability(.quote)) { input in
            try await Self.listJSON(input, desk: desk)
        }
        add(.post, "/api/v1/quotes/:id/accept", needs: .capability(.quote)) { input in
            let day = try Self.acceptDay(String(buffer: input.body))
            let entry = try await desk.change(input.parameter("id"), .accept(on: day, overriding: false), input: input)
            return JSONResponse.make(QuoteJSON.render(entry.quote))
        }
        add(.post, "/api/v1/quotes/:id/decline", needs: .capability(.quote)) { input in
            let entry = try await desk.change(input.parameter("id"), .decline, input: input)
            return JSONResponse.make(QuoteJSON.render(entry.quote))
        }
    }

    /// `{"on": "YYYY-MM-DD"}`: the day of acceptance.
    static func acceptDay(_ body: String) throws(PricingError) -> LocalDate {
        guard case let .object(object)? = JSONValue.parse(body), let value = object["on"] else {
            throw .invalidRequest(field: "on", value: "", reason: "is required; send {\"on\": \"YYYY-MM-DD\"}")
        }
        guard case let .string(text) = value, let day = LocalDate(iso: text) else {
            throw .invalidRequest(field: "on", value: value.shown, reason: "is not a real date; write YYYY-MM-DD, for example 2026-11-02")
        }
        return day
    }

    /// `GET /api/v1/quotes`: `{"quotes": [...], "next": "Q-..." | null}`, a page of at most
    /// `limit` (default 50, at most 500) after `after`.
    static func listJSON(_ input: RouteInput, desk: Desk) async throws -> Response {
        let query = try ListQuery(input)
        let (entries, next) = try await desk.list(query.filter, after: query.after,
                                                  limit: query.limit, for: try input.signedIn)
        var text = "{\"quotes\":["
        text += entries.map { QuoteJSON.render($0.quote).trimmingTrailingNewline }.joined(separator: ",")
        text += "],\"next\":" + (next.map { JSONText.quoted($0.description) } ?? "null") + "}\n"
        return JSONResponse.make(text)
    }
}

extension String {
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
