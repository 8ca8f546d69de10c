import Hummingbird
import Pricing

/// Re-pricing as the clerk types: the new-quote page's script (`/static/frontdesk.js`)
/// posts the form, as the "Price" button would, to `POST /quotes/new/figures` and shows
/// the answer: the price waterfall, installments and schedule rendered by the same
/// template the page uses (HTML-escaped by Mustache), or, for a refused request, 422 with
/// the API's `{"error": {"field", "value", "reason"}}` for the script to show beside the
/// field. The route needs what the form needs (``Capability/quote``, the CSRF token of a
/// session); without the script the form still posts and the server answers the page.
extension RouteTable {
    func addLivePricing() {
        let desk = desk
        add(.get, "/static/frontdesk.js", needs: .anyone) { _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: desk.script)))
        }
        add(.post, "/quotes/new/figures", needs: .capability(.quote)) { input in
            let form = QuoteForm(input.form)
            let quote: Quote
            do {
                quote = try desk.price(form.fields, for: try input.signedIn)
            } catch let error as PricingError {
                return JSONResponse.error(Desk.refusal(for: error))
            }
            let html = desk.pages.render(QuoteView.values(quote), withTemplate: "figures") ?? ""
            return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(string: html)))
        }
    }
}
