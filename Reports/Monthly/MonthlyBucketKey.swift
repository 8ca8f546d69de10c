/// The location x tier a ``MonthlyRevenue`` bucket holds: its key, in the report's row
/// order (by location, then tier, each as Swift orders strings).
struct MonthlyBucketKey: Hashable, Comparable, Sendable {
    let location: String
    let tier: String

    static func < (a: MonthlyBucketKey, b: MonthlyBucketKey) -> Bool { (a.location, a.tier) < (b.location, b.tier) }
}
