import Foundation
import Hummingbird
import Ledger
import Pricing
import Reports
import Workflows

/// The client's link and the downloads: `GET /c/:token` (the client quote, no sign-in),
/// `POST /c/:token/accept` (the client types their name), the client's PDF and workbook,
/// and for staff `POST /quotes/:id/link` (make or renew), `POST /quotes/:id/link/revoke`
/// (managers) and the quote's PDF. A link that shows nothing answers a plain 404 page
/// that tells nothing of the quote.
///
/// The client's form has no session, so the per-session CSRF token cannot apply: the
/// route table refuses a cross-site `Origin` (``RequestGuard/checkSameSite(_:)``) and the
/// form carries a double-submit token (``LinkFormToken``).
extension RouteTable {
    func addLinks() {
        let desk = desk
        add(.get, "/c/:token", needs: .anyone) { input in
            let token = input.parameter("token")
            guard let found = try await desk.clientQuote(token) else { return Self.linkMissing(desk) }
            await desk.record(.linkOpened, found.entry.quote, by: desk.recording(.clientLink, from: input.context.peer))
            return Self.clientPage(found, token: token, input: input, desk: desk)
        }
        add(.post, "/c/:token/accept", needs: .anyone) { input in try await Self.acceptThroughLink(input, desk: desk) }
        add(.get, "/c/:token/quote.pdf", needs: .anyone) { input in
            guard let found = try await desk.clientQuote(input.parameter("token")) else { return Self.linkMissing(desk) }
            return try Self.pdf(found.entry.quote, clinic: desk.card.clinic)
        }
        add(.get, "/c/:token/quote.xlsx", needs: .anyone) { input in
            guard let found = try await desk.clientQuote(input.parameter("token")) else { return Self.linkMissing(desk) }
            return try Self.workbook(found.entry.quote, clinic: desk.card.clinic)
        }
        add(.get, "/quotes/:id/quote.pdf", needs: .capability(.quote)) { input in
            let entry = try await desk.entry(input.parameter("id"), for: try input.signedIn)
            return try Self.pdf(entry.quote, clinic: desk.card.clinic)
        }
        add(.post, "/quotes/:id/link", needs: .capability(.quote)) { input in
            let (entry, token) = try await desk.newLink(input.parameter("id"), for: try input.signedIn)
            try await desk.record(.linkCreated, entry.quote, detail: "a new link; the old one stops working", input: input)
            return Desk.redirect(to: "/quotes/\(entry.quote.quoteID)?link=\(token)")
        }
        add(.post, "/quotes/:id/link/revoke", needs: .capability(.revokeLinks)) { input in
            let entry = try await desk.revokeLink(input.parameter("id"), for: try input.signedIn)
            try await desk.record(.linkRevoked, entry.quote, input: input)
            return Desk.redirect(to: "/quotes/\(entry.quote.quoteID)")
        }
    }

    /// Headers of every client page: the token is in its address, so no `Referer` carries it
    /// to another site, and no search engine keeps it. `same-origin`, not `no-referrer`:
    /// under `no-referrer` Chromium sends `Origin: null` with the page's own accept form,
    /// which the same-site check refuses (the browser tests found it).
    static let clientHeaders: HTTPFields = [HTTPFields.Element.Name("Referrer-Policy")!: "same-origin",
                                            HTTPFields.Element.Name("X-Robots-Tag")!: "noindex"]

    /// The plain 404 of a link that shows nothing.
    static func linkMissing(_ desk: Desk) -> Response {
        desk.page("client-message", status: .notFound, title: "This link does not work",
                  ["message": "This link does not work: it may have been replaced or withdrawn, or the quote is no longer open. Ask the clinic for a new link."],
                  caller: nil, headers: clientHeaders)
    }

    /// The client page of a link that shows its quote, with the form's double-submit token
    /// (the browser's, or a new one) set as its cookie.
    static func clientPage(_ found: (link: ShareLink, entry: LedgerEntry, state: ShareLinkState), token: String, input: RouteInput,
                           desk: Desk, status: HTTPResponse.Status = .ok, extra: [String: Any] = [:]) -> Response {
        let formToken = LinkFormToken.value(in: input.request) ?? Secret.token()
        var quote = QuoteView.values(found.entry.quote)
        quote["token"] = token
        quote["formToken"] = formToken
        switch found.state {
        case let .accepted(a): quote["accepted"] = ["on": found.entry.quote.request.acceptedOn?.description ?? "", "name": a.name]
        default: quote["open"] = true
        }
        var values: [String: Any] = ["quote": quote, "clinic": desk.card.clinic?.name ?? found.entry.quote.locationName]
        values.merge(extra) { _, new in new }
        var headers = clientHeaders
        headers[.setCookie] = LinkFormToken.set(formToken, secure: desk.settings.secureCookies)
        return desk.page("client", status: status, title: "Your quote \(found.entry.quote.quoteID)", values, caller: nil, headers: headers)
    }

    /// `POST /c/:token/accept`: the double-submit token, the typed name, then the ledger.
    static func acceptThroughLink(_ input: RouteInput, desk: Desk) async throws -> Response {
        let token = input.parameter("token"), form = input.form
        guard LinkFormToken.matches(input.request, form["csrf"]) else {
            return desk.page("client-message", status: .forbidden, title: "Not accepted",
                             ["message": "The form has expired or was not sent from this page. Open the link again and accept there."],
                             caller: nil, headers: clientHeaders)
        }
        do {
            let accepted = try await desk.acceptThroughLink(token, typedName: form["name"] ?? "")
            let typed = (try? LinkAcceptance.name(form["name"] ?? "")) ?? ""
            await desk.record(.linkAccepted, accepted.quote, detail: "accepted as \"\(typed)\"",
                              by: desk.recording(.clientLink, from: input.context.peer))
            return Desk.redirect(to: "/c/\(token)")
        } catch let error as PricingError {
            guard let found = try await desk.clientQuote(token) else { return linkMissing(desk) }
            let refusal = Desk.refusal(for: error)
            return clientPage(found, token: token, input: input, desk: desk, status: refusal.status,
                              extra: ["error_name": refusal.reason, "typedName": form["name"] ?? ""])
        } catch LedgerError.linkUnavailable(_) {
            return linkMissing(desk)
        } catch let LedgerError.statusChange(_, refusal) {
            guard let found = try await desk.clientQuote(token) else { return linkMissing(desk) }
            return clientPage(found, token: token, input: input, desk: desk, status: .conflict,
                              extra: ["problem": "This quote \(refusal)."])
        }
    }

    /// The client quote PDF of `quote`, drawn in memory by the renderer the command line's
    /// `--output quote.pdf` uses (``ClientQuoteRenderer``).
    static func pdf(_ quote: Quote, clinic: ClinicDetails?) throws -> Response {
        let bytes = try ClientQuoteRenderer(clinic: clinic).render(quote, displayPath: "\(quote.quoteID).pdf")
        return Response(status: .ok, headers: [
            .contentType: "application/pdf",
            .contentDisposition: "attachment; filename=\"\(quote.quoteID).pdf\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// The double-submit token of the client's accept form: a random value (128 bits or more)
/// set as the cookie `spaquote_link_form` (`Path=/c/`, HttpOnly, SameSite=Strict) and
/// written in the form's hidden field `csrf`; an accept is taken only when both are sent
/// and equal (compared in constant time). Another site can neither read the cookie nor
/// set it, so it cannot send the pair.
enum LinkFormToken {
    static let name = "spaquote_link_form"

    /// The cookie's value in `request` when it is a token's shape, else nil.
    static func value(in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == name else { continue }
                let value = pair[1].trimmingCharacters(in: .whitespaces)
                if ClientLink.isWellFormed(value) { return value }
            }
        }
        return nil
    }

    /// Whether `request` carries the cookie and `field` equals it.
    static func matches(_ request: Request, _ field: String?) -> Bool {
        guard let cookie = value(in: request), let field, !field.isEmpty else { return false }
        return Secret.constantTimeEqual(cookie, field)
    }

    /// The `Set-Cookie` value giving the browser `value`.
    static func set(_ value: String, secure: Bool) -> String {
        "\(name)=\(value); Path=/c/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}

extension RequestBody {
    /// `client_contact` of a JSON request body's members (``object(json:)``): a string or
    /// null (checked by ``ClientContact/parse(_:)``).
    static func contact(_ object: [String: JSONValue]) throws(PricingError) -> String? {
        guard let value = object["client_contact"] else { return nil }
        switch value {
        case .null: return nil
        case let .string(s): return try ClientContact.parse(s)
        default: throw .invalidRequest(field: "client_contact", value: value.shown, reason: "must be a string (a phone number or e-mail address)")
        }
    }
}

extension RouteTable {
    /// A quote's JSON (``QuoteJSON/render(_:)``, an object ending in `}` and a line feed)
    /// with `"share_url": "/c/TOKEN"` added as its last key.
    static func withShareURL(_ json: String, token: String) -> String {
        guard json.hasSuffix("\n}\n") else { return json }
        return String(json.dropLast(3)) + ",\n  \"share_url\": " + JSONText.quoted("/c/" + token) + "\n}\n"
    }
}
