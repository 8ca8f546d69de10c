/// The largest amounts, counts and day spans a rate card may hold. The loader refuses a
/// card beyond them, naming the key; they are chosen so that no quote priced from a valid
/// card can overflow `Int64` cents.
///
/// Proof (C = ``maxAmount`` = 10^11 cents, S = ``maxSessions`` = 1,000,
/// A = ``maxAreas`` = K = ``maxAddons`` = 1,000; `Int64.max` is about 9.22 x 10^18):
/// - step 1: `session_list_price` <= C x (1 + A) ~ 1.0 x 10^14 (the rate is at most the
///   ceiling <= C, each surcharge <= C, at most A areas);
/// - step 2-3: `session_price` <= ceiling <= C, so `list_total` <= S x C = 10^14;
/// - steps 4-5: percentages are 0...100 and a promotion amount is capped at what is
///   left, so every discount and `treatment_net` lie in 0 ... `list_total`;
/// - step 6: each add-on line <= C x S = 10^14, `addons_total` <= K x C x S = 10^17;
/// - step 7: `taxable_amount` <= 10^17 + 10^14, and `tax` <= `taxable_amount` (rate <= 100);
/// - step 8: `total` <= 2 x (10^17 + 10^14) < 2.1 x 10^17, 44 times below `Int64.max`;
/// - step 9: `deposit` <= `total`, `balance` = `total - deposit` >= 0, installments <= balance;
/// - percentages are rounded from an `Int128` product (< 2.1 x 10^17 x 10^6 = 2.1 x 10^23,
///   far below 1.7 x 10^38), and the rounded value is at most the amount, so its
///   conversion back to `Int64` always succeeds.
/// Dates: a quote's session dates and `valid_until` are checked against 9999-12-31 by the
/// engine (``LocalDate/checkedAdding(days:)``), which rejects the request naming the
/// field; ``maxSessions``, ``maxSpacingWeeks`` and ``maxQuoteValidDays`` keep every
/// offset (at most 7 x 520 x 999 days) far inside `Int`.
///
/// The engine still uses checked arithmetic on every step (a second line of defence, for
/// cards built in code); monthly reports check their sums over many quotes.
public enum RateCardLimits {
    /// The largest money amount a rate card may hold: 1,000,000,000.00 (in cents). It
    /// applies to rates, surcharges, add-on prices, promotion amounts, floor and ceiling.
    public static let maxAmount = Money(cents: 100_000_000_000)
    /// The largest `min_sessions`, `max_sessions`, series discount or promotion sessions.
    public static let maxSessions = 1_000
    /// The largest spacing in weeks (`spacing_weeks_min`, `_max`, `default_spacing_weeks`): 10 years.
    public static let maxSpacingWeeks = 520
    /// The largest `quote_valid_days`: 10 years.
    public static let maxQuoteValidDays = 3_650
    /// The most `[areas.ID]` tables a card may have (a request may name them all).
    public static let maxAreas = 1_000
    /// The most `[addons.ID]` tables a card may have (a request may name them all).
    public static let maxAddons = 1_000
}
