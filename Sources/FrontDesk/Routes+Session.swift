import Hummingbird
import Ledger

/// Signing in and out: `POST /api/v1/session` and `DELETE /api/v1/session` for programs,
/// the sign-in page and the sign-out button for people. Signing in needs no CSRF token
/// (there is no session yet) but the route table refuses a cross-site `Origin`.
extension RouteTable {
    func addSession() {
        let desk = desk
        add(.post, "/api/v1/session", needs: .anyone) { input in
            let (name, password) = Self.credentials(input)
            guard let (cookie, session) = try await desk.signIn(name: name, password: password, from: input.context.peer,
                                                                 replacing: desk.cookie.value(in: input.request)) else {
                throw FrontDeskError(.unauthorized, field: "username", value: name, "wrong name or password")
            }
            return Response(status: .noContent, headers: [.setCookie: desk.cookie.set(cookie),
                                                          RequestGuard.csrfHeader: session.csrfToken])
        }
        add(.delete, "/api/v1/session", needs: .signedIn) { input in
            try await desk.signOut(cookie: desk.cookie.value(in: input.request), input: input)
            return Response(status: .noContent, headers: [.setCookie: desk.cookie.clear()])
        }
        add(.get, "/signin", needs: .anyone) { _ in desk.page("signin", title: "Sign in", [:], caller: nil) }
        add(.post, "/signin", needs: .anyone) { input in
            let (name, password) = Self.credentials(input)
            guard let (cookie, _) = try await desk.signIn(name: name, password: password, from: input.context.peer,
                                                           replacing: desk.cookie.value(in: input.request)) else {
                return desk.page("signin", status: .unauthorized, title: "Sign in",
                                 ["problem": "Wrong name or password.", "username": name], caller: nil)
            }
            var response = Desk.redirect(to: "/quotes")
            response.headers[.setCookie] = desk.cookie.set(cookie)
            return response
        }
        add(.post, "/signout", needs: .signedIn) { input in
            try await desk.signOut(cookie: desk.cookie.value(in: input.request), input: input)
            var response = Desk.redirect(to: "/signin")
            response.headers[.setCookie] = desk.cookie.clear()
            return response
        }
    }

    /// `username` and `password` from a JSON or form body (empty when missing).
    static func credentials(_ input: RouteInput) -> (String, String) {
        if input.isJSON {
            guard case let .object(o)? = JSONValue.parse(String(buffer: input.body)) else { return ("", "") }
            let text = { (key: String) -> String in if case let .string(s)? = o[key] { s } else { "" } }
            return (text("username"), text("password"))
        }
        let form = input.form
        return (form["username"] ?? "", form["password"] ?? "")
    }
}
