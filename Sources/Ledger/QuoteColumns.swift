/// The columns of a saved quote, in the order every store declares, inserts and copies
/// them: the names both stores use. What each holds is written once, in
/// ``QuoteRow/encode(into:)`` (quote to columns) and ``LedgerEntry/init(row:)`` (columns
/// to quote).
///
/// Money is in cents, percentages in 1/10,000 of a percent, dates ISO text
/// (`YYYY-MM-DD`); `areas` and `addons` are `;`-separated ids, `area_names`
/// `U+001F`-separated names, `session_dates` space-separated dates, `installments`
/// space-separated cents (one per session), `addon_lines` the text of ``AddonLinesText``.
public enum QuoteColumns {
    /// Every column of a quote row, in order. `id` is ``QuoteNumber/rowID``; `source` is
    /// the source's stored name (``QuoteSource/storedName``), which a store may keep in a
    /// table of its own; `line` is NULL but for rows from a requests file.
    public static let all = [
        "id", "quote_id", "year", "seq", "source", "line", "request_id", "client", "location", "location_name", "tier",
        "tier_name", "areas", "area_names", "addons", "sessions", "spacing_weeks", "start_date", "promo", "promo_code",
        "quote_date", "valid_until", "first_session", "last_session", "status", "accepted_on", "session_list_price",
        "session_price", "price_limit", "list_total", "series_discount_percent", "series_discount", "promo_discount",
        "treatment_net", "addons_total", "addons_per_session", "addons_per_package", "taxable_amount", "tax_rate", "tax",
        "total", "deposit_percent", "deposit", "balance", "per_session_price", "session_dates", "addon_lines",
        "installments", "rate_card_name", "rate_card_version", "rate_card_hash", "currency",
    ]

    /// The columns of a ``RevenueRecord`` (``RevenueColumns``), with `id` for ordering.
    public static let revenue = [
        "id", "quote_id", "location", "tier", "quote_date", "status", "accepted_on", "sessions", "total", "tax",
        "treatment_net", "addons_per_session", "addons_per_package", "session_dates",
    ]

    /// Columns holding whole numbers (all others hold text). A store declares these as
    /// 64-bit integers.
    public static let integers: Set<String> = [
        "id", "year", "seq", "line", "sessions", "spacing_weeks", "session_list_price", "session_price", "list_total",
        "series_discount_percent", "series_discount", "promo_discount", "treatment_net", "addons_total",
        "addons_per_session", "addons_per_package", "taxable_amount", "tax_rate", "tax", "total", "deposit_percent",
        "deposit", "balance", "per_session_price",
    ]

    /// Columns that may be NULL (all others may not).
    public static let nullable: Set<String> = ["line", "promo", "promo_code", "accepted_on"]

    /// Columns holding a date (`YYYY-MM-DD`); `session_dates` holds a list of them.
    public static let dates: Set<String> = [
        "start_date", "quote_date", "valid_until", "first_session", "last_session", "accepted_on",
    ]
}
