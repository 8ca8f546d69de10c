import Hummingbird
import Reports

/// The rate card page (capability ``Capability/quote``): the grid `spaquote pricing show`
/// prints (``RateCardGrid/render(_:)``), escaped, in a `<pre>`.
extension RouteTable {
    func addPricing() {
        let desk = desk
        add(.get, "/pricing", needs: .capability(.quote)) { input in
            desk.page("pricing", title: "Rate card", ["grid": RateCardGrid.render(desk.card)], caller: try input.signedIn)
        }
    }
}
