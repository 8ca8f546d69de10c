import Hummingbird
import Synchronization

/// One route as ``RouteTable`` registered it: its method, its path as the router spells
/// it (a parameter as `{name}`), and the rule it answers under.
struct RegisteredRoute: Sendable, Hashable, CustomStringConvertible {
    /// What answers the route.
    enum Rule: Sendable, Hashable {
        /// A handler behind the table's checks, needing this access.
        case access(Access)
        /// The 405 of a method an API path does not take (``RouteTable/addMethodNotAllowed()``).
        case methodNotAllowed
    }

    let method: HTTPRequest.Method
    /// The path as ``RouterPath/description`` gives it: `/quotes/{id}`.
    let path: String
    let rule: Rule

    /// `METHOD /path`, as Hummingbird's ``Router/RouteDescription`` prints it.
    var description: String { "\(method) \(path)" }

    /// The access the route needs; nil for a 405 route.
    var access: Access? {
        if case let .access(access) = rule { access } else { nil }
    }
}

/// Every route the table registered, in order of registration: what the router must
/// route, no more (``RouteTable/unregistered()``).
final class RouteInventory: Sendable {
    private let routes = Mutex<[RegisteredRoute]>([])

    func record(_ method: HTTPRequest.Method, _ path: RouterPath, _ rule: RegisteredRoute.Rule) {
        routes.withLock { $0.append(RegisteredRoute(method: method, path: path.description, rule: rule)) }
    }

    var all: [RegisteredRoute] { routes.withLock { $0 } }
}

extension RouteTable {
    /// The front desk's router with every route (``addAll()``), checked (``check()``).
    ///
    /// - Throws: 500 naming the routes registered on the router directly.
    static func build(_ desk: Desk) throws(FrontDeskError) -> RouteTable {
        let table = RouteTable(router: Router(context: FrontDeskContext.self), desk: desk)
        table.addAll()
        try table.check()
        return table
    }

    /// Refuses a router that answers a route the table did not register (added with
    /// `router.get` or `router.on` directly, so outside the access rule).
    ///
    /// - Throws: 500 naming each such route (``unregistered()``).
    func check() throws(FrontDeskError) {
        let rogue = unregistered()
        guard rogue.isEmpty else {
            throw FrontDeskError(.internalServerError, "routes registered without an access rule (not through RouteTable.add): "
                                 + rogue.joined(separator: ", "))
        }
    }

    /// The routes (`METHOD /path`) the router answers that the table did not register, and
    /// those it registered that the router does not answer: empty when the two agree.
    func unregistered() -> [String] {
        let routed = Set(router.routes.map { "\($0.method) \($0.path)" })
        let registered = Set(inventory.all.map(\.description))
        return routed.symmetricDifference(registered).sorted()
    }
}
