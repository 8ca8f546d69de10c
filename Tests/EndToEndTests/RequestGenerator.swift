/// Deterministic requests CSV for tests: valid and invalid rows mixed (unknown location,
/// 7 sessions, a promotion at the wrong place...), from a fixed-seed generator.
struct RequestGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    private mutating func pick(_ items: [String]) -> String { items[next(items.count)] }

    static let header = "request_id,client,location,tier,areas,sessions,spacing_weeks,start_date,addons,promo,quote_date,status,accepted_on"

    /// `count` data rows with the header.
    mutating func csv(rows count: Int) -> String {
        var out = RequestGenerator.header + "\n"
        out.reserveCapacity(count * 110)
        let areaSets = ["face", "face;neck", "face;neck;scalp", "decollete", "face;acne_scars", "neck;chin", "face;face"]
        for i in 0..<count {
            let day = 1 + next(28)
            let sessions = String(1 + next(7))
            let status = pick(["", "", "quoted", "declined", "accepted"])
            let accepted = status == "accepted" ? (next(10) == 0 ? "" : "2026-12-\(String(format2(day)))") : ""
            let client = pick(["Ana Ruiz", "\"Lee, Min-jun\"", "Zoë Faure", "=cmd()", "Mark Chen"])
            out += "G\(i),\(client),\(pick(["downtown", "uptown", "riverside", "downtown", "midtown"])),"
            out += "\(pick(["associate", "senior", "physician"])),\(pick(areaSets)),\(sessions),"
            out += "\(pick(["", "4", "5", "6", "3"])),,\(pick(["", "numbing", "aftercare_kit;growth_serum", "botox"])),"
            out += "\(pick(["", "", "NEWCLIENT50", "river15"])),2026-11-\(format2(day)),\(status),\(accepted)\n"
        }
        return out
    }

    private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
