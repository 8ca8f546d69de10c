import Foundation
import Hummingbird
import Ledger
import Pricing
import Reports

/// The staff's pages: new quote, quotes list, a quote with its answers and download.
/// Every form posts back here and is answered with a page or a 303 (no script needed).
extension RouteTable {
    func addPages() {
        let desk = desk
        add(.get, "/", needs: .anyone) { _ in Desk.redirect(to: "/quotes") }
        add(.get, "/quotes/new", needs: .capability(.quote)) { input in
            let caller = try input.signedIn
            var form = QuoteForm()
            if let id = input.query("from") { form = QuoteForm(requoting: try await desk.entry(id, for: caller).quote.request) }
            return desk.page("quote-new", title: "New quote", form.values(card: desk.card, worksAt: caller.account.worksAt, error: nil), caller: caller)
        }
        add(.post, "/quotes/new", needs: .capability(.quote)) { input in try await Self.postQuote(input, desk: desk) }
        add(.get, "/quotes", needs: .capability(.quote)) { input in try await Self.listPage(input, desk: desk) }
        add(.get, "/quotes/:id", needs: .capability(.quote)) { input in
            let caller = try input.signedIn
            let entry = try await desk.entry(input.parameter("id"), for: caller)
            var values = QuoteView.values(entry.quote)
            values["today"] = desk.clock.today().description
            values.merge(try await desk.linkValues(entry, shownToken: input.query("link"), for: caller)) { _, new in new }
            let history = try await desk.history(of: entry.quote)
            values["history"] = history
            values["hasHistory"] = !history.isEmpty
            return desk.page("quote", title: "Quote \(entry.quote.quoteID)", ["quote": values], caller: caller)
        }
        add(.post, "/quotes/:id/accept", needs: .capability(.quote)) { input in
            let text = input.form["on"] ?? ""
            guard let day = LocalDate(iso: text) else {
                throw PricingError.invalidRequest(field: "on", value: text, reason: "is not a real date; write YYYY-MM-DD")
            }
            let entry = try await desk.change(input.parameter("id"), .accept(on: day, overriding: false), input: input)
            return Desk.redirect(to: "/quotes/\(entry.quote.quoteID)")
        }
        add(.post, "/quotes/:id/decline", needs: .capability(.quote)) { input in
            let entry = try await desk.change(input.parameter("id"), .decline, input: input)
            return Desk.redirect(to: "/quotes/\(entry.quote.quoteID)")
        }
        add(.get, "/quotes/:id/quote.xlsx", needs: .capability(.quote)) { input in
            let entry = try await desk.entry(input.parameter("id"), for: try input.signedIn)
            return try Self.workbook(entry.quote, clinic: desk.card.clinic)
        }
    }

    /// The new-quote form posted: priced and shown (or the refusal beside its field), or
    /// with "Save quote" saved and then shown on its own page.
    static func postQuote(_ input: RouteInput, desk: Desk) async throws -> Response {
        let caller = try input.signedIn, form = QuoteForm(input.form)
        do {
            if input.form["action"] == "save" {
                let saved = try await desk.saveWithLink(form.fields, contact: input.form["client_contact"], input: input)
                return Desk.redirect(to: "/quotes/\(saved.quote.quoteID)?link=\(saved.token)")
            }
            var values = form.values(card: desk.card, worksAt: caller.account.worksAt, error: nil)
            values["quote"] = QuoteView.values(try desk.price(form.fields, for: caller))
            return desk.page("quote-new", title: "New quote", values, caller: caller)
        } catch let error as PricingError {
            let refusal = Desk.refusal(for: error)
            let values = form.values(card: desk.card, worksAt: caller.account.worksAt, error: refusal)
            return desk.page("quote-new", status: refusal.status, title: "New quote", values, caller: caller)
        }
    }

    /// The client quote workbook of a saved quote, written by the library the command line
    /// uses into a private temporary folder and sent; the folder is removed.
    static func workbook(_ quote: Quote, clinic: ClinicDetails?) throws -> Response {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spaquote-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("quote.xlsx").path
        try ClientQuoteWorkbook.write(quote, clinic: clinic, to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        return Response(status: .ok, headers: [
            .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            .contentDisposition: "attachment; filename=\"\(quote.quoteID).xlsx\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
