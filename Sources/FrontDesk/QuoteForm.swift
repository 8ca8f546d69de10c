import Pricing

/// The new-quote form: its fields read into ``RequestFields`` (section 3's names, areas
/// and add-ons as repeated boxes), and the values its template shows (the choices of the
/// rate card, the account's locations only, what was typed, a refusal beside its field).
struct QuoteForm {
    /// The request fields the form has, by name, as typed.
    var typed: [String: String] = [:]
    var areas: [String] = []
    var addons: [String] = []

    /// The fields the form shows a refusal beside; any other refusal shows above the form.
    static let fieldNames = ["client", "location", "tier", "areas", "sessions", "spacing_weeks", "start_date", "addons", "promo",
                             "client_contact"]

    init() {}

    /// The form filled from a saved request ("re-quote"): its client, location, tier,
    /// areas, sessions, spacing, add-ons and promotion; the start date is left to the new quote.
    init(requoting r: QuoteRequest) {
        typed = ["client": r.client, "location": r.location, "tier": r.tier, "sessions": String(r.sessions),
                 "spacing_weeks": r.spacingWeeks.map(String.init) ?? "", "promo": r.promo ?? ""]
        areas = r.areas
        addons = r.addons
    }

    init(_ form: FormFields) {
        for name in Self.fieldNames where name != "areas" && name != "addons" { typed[name] = form[name] }
        areas = form.all("areas")
        addons = form.all("addons")
    }

    /// The request the form describes.
    var fields: RequestFields {
        RequestFields(requestID: "walk-in", client: typed["client"], location: typed["location"], tier: typed["tier"],
                      areas: areas.joined(separator: ";"), sessions: typed["sessions"], spacingWeeks: typed["spacing_weeks"],
                      startDate: typed["start_date"], addons: addons.joined(separator: ";"), promo: typed["promo"])
    }

    /// The template's values: the choices (locations narrowed by `worksAt`), what was typed,
    /// and `error` beside the field it names (``PricingError/invalidRequest(field:value:reason:)``).
    func values(card: RateCard, worksAt: (String) -> Bool, error: FrontDeskError?) -> [String: Any] {
        var v: [String: Any] = typed
        v["locations"] = card.locations.filter { worksAt($0.id) }
            .map { ["id": $0.id, "name": $0.name, "selected": $0.id == typed["location"]] as [String: Any] }
        v["tiers"] = card.tiers.map { ["id": $0.id, "name": $0.name, "selected": $0.id == typed["tier"]] as [String: Any] }
        v["areaChoices"] = card.areas.map { ["id": $0.id, "name": $0.name, "checked": areas.contains($0.id)] as [String: Any] }
        v["addonChoices"] = card.addons.map { ["id": $0.id, "name": $0.name, "checked": addons.contains($0.id)] as [String: Any] }
        if let error {
            if let field = error.field, Self.fieldNames.contains(field) {
                v["error_" + field] = (error.value.map { $0.isEmpty ? "" : "'\($0)' " } ?? "") + error.reason
            } else {
                v["error"] = [error.field, error.value.map { "'\($0)'" }, error.reason].compactMap { $0 }.joined(separator: " ")
            }
        }
        return v
    }
}
