import Hummingbird
import Ledger
import Pricing
import Reports
import Workflows

extension Desk {
    /// The response for an error a request ended with: a refusal as its status, a rejected
    /// request field as 422, an unknown or unseen quote as 404, a refused status change as
    /// 409, anything else as 500 with a fixed message (never the error's text).
    /// The API answers JSON; a page shows the message, a signed-out page goes to sign-in.
    func response(for error: any Error, api: Bool) -> Response {
        let refusal = Self.refusal(for: error)
        if api { return JSONResponse.error(refusal) }
        if refusal.status == .unauthorized { return Self.redirect(to: "/signin") }
        return page("error", status: refusal.status, title: "Not done", ["reason": refusal.reason], caller: nil,
                    headers: refusal.headers)
    }

    static func refusal(for error: any Error) -> FrontDeskError {
        switch error {
        case let error as FrontDeskError: return error
        case is BcryptBusy: return .busy
        case let PricingError.invalidRequest(field, value, reason):
            return FrontDeskError(.unprocessableContent, field: field, value: value, reason)
        case let LedgerError.notFound(_, quoteID): return FrontDeskError(.notFound, field: "quote_id", value: quoteID, "no such quote")
        case LedgerError.linkUnavailable: return FrontDeskError(.notFound, "no such client link, or it no longer works")
        case let LedgerError.statusChange(quoteID, refusal):
            return FrontDeskError(.conflict, field: "quote_id", value: quoteID, "the quote \(refusal)")
        // Never the error's own text: it may hold SQL or the ledger's path.
        default: return FrontDeskError(.internalServerError, "the server could not do it (an internal error); nothing was changed, try again or tell the clinic's administrator")
        }
    }

    /// A 303 See Other to `location` (after a form's POST, or to the sign-in page).
    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
