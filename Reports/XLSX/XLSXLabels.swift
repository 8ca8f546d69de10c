/// Header labels for people (`Quote ID`, `Session list price`) made from the column names
/// machines read (`quote_id`, `session_list_price`).
///
/// Decision: the `Quotes` sheet keeps the CSV's column names as its header row (SPEC
/// section 6 says "the same header row", and programs read it by those names); the
/// `Summary` sheet and the monthly workbook's sheets, which are read by people, get these
/// labels. The CSV outputs keep the names.
public enum XLSXLabels {
    /// Words that are not written as their capitalized selves.
    static let words = ["id": "ID", "addons": "Add-ons", "promo": "Promotion"]
    /// Names whose label is not word for word.
    static let whole = [
        "deferred_revenue_end": "Deferred revenue (month end)",
        "series_discount_percent": "Series discount %",
        "quotes": "Quotes",
    ]

    /// The label for a column name: words split at `_`, the first capitalized.
    public static func label(_ name: String) -> String {
        if let l = whole[name] { return l }
        let parts = name.split(separator: "_").map(String.init)
        return parts.enumerated().map { i, w in
            if let special = words[w] { return i == 0 || special == "ID" ? special : special.lowercased() }
            return i == 0 ? w.prefix(1).uppercased() + w.dropFirst() : w
        }.joined(separator: " ")
    }

    /// A column width (in characters) fitting `label` on at most two lines of a wrapped
    /// header cell, and at least `minimum`.
    public static func width(_ label: String, minimum: Double = 11) -> Double {
        let longestWord = label.split(separator: " ").map(\.count).max() ?? 0
        let half = (label.count + 1) / 2
        return max(minimum, Double(max(longestWord, half) + 2))
    }
}
