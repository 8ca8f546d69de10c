import Hummingbird
import Mustache

extension Desk {
    /// The page `template` rendered in the layout, HTML-escaped by Mustache (templates use
    /// `{{name}}`, never the unescaped form, for anything a user typed). `values` are the
    /// template's; `title`, the caller's name and the CSRF token of their session are added.
    func page(_ template: String, status: HTTPResponse.Status = .ok, title: String, _ values: [String: Any],
              caller: Caller?, headers: HTTPFields = [:]) -> Response {
        var context = values
        context["title"] = title
        if let caller {
            context["user"] = caller.account.name
            context["csrf"] = caller.session?.csrfToken ?? ""
            // The navigation shows only what the account may open.
            context["canBatch"] = caller.account.may(.batches)
            context["canReport"] = caller.account.may(.reports)
            context["canAudit"] = caller.account.may(.readAudit)
            context["canQuote"] = caller.account.may(.quote)
        }
        let html = pages.render(context, withTemplate: template) ?? "<!doctype html><title>Error</title><p>Page \(template) is missing.</p>"
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
