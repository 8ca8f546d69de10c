import Hummingbird

/// The one place every response passes on its way out (a router middleware, added before
/// any route, so unknown paths pass through it too):
/// - security headers on every response: ``contentSecurityPolicy`` (the pages load only
///   this server's stylesheet and script: no inline style or script, no frames, forms
///   posting only here), `X-Frame-Options: DENY`, `X-Content-Type-Options: nosniff`,
///   `Referrer-Policy: same-origin` (a client's share link carries its token in the URL:
///   no request to another site may send it on as a `Referer`). Not `no-referrer`: under
///   it browsers send `Origin: null` with a page's own form posts (Chromium does, as the
///   Fetch standard says), which the same-site check must refuse;
/// - `Cache-Control: no-store` on everything but the stylesheet and the script (API
///   answers, pages, downloads), so no shared computer's cache keeps a quote;
/// - an unknown path answers 404 in its part's shape: JSON `{"error": ...}` under `/api/`,
///   the error page elsewhere.
struct ResponseHeaders: RouterMiddleware {
    typealias Context = FrontDeskContext

    static let contentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    /// How long a browser may keep the stylesheet and script, in seconds.
    static let staticMaxAge = 300
    static let xFrameOptions = HTTPFields.Element.Name("X-Frame-Options")!
    static let xContentTypeOptions = HTTPFields.Element.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!

    let desk: Desk

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path, api = path.hasPrefix("/api/")
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            response = desk.response(for: FrontDeskError.unknownPath(path), api: api)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            response = desk.response(for: error, api: api)
        }
        Self.secure(&response.headers, cacheable: path.hasPrefix("/static/") && response.status == .ok)
        return response
    }

    /// Adds the headers every response carries, and the caching rule: `cacheable` for the
    /// stylesheet and the script served, `no-store` for everything else.
    static func secure(_ headers: inout HTTPFields, cacheable: Bool) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[xFrameOptions] = "DENY"
        headers[xContentTypeOptions] = "nosniff"
        headers[referrerPolicy] = "same-origin"
        headers[.cacheControl] = cacheable ? "max-age=\(staticMaxAge)" : "no-store"
    }
}
