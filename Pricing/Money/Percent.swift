/// An exact percentage, held as an integer count of 1/10,000 of a percent
/// (`12.5%` is `125_000` units, `100%` is `1_000_000`).
public struct Percent: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Units in one percent: percentages carry at most 4 decimals.
    public static let unitsPerPercent: Int64 = 10_000
    /// The number of decimals a percentage may have.
    public static let decimals = 4

    /// The percentage in 1/10,000 of a percent.
    public var units: Int64

    /// A percentage of `units` ten-thousandths of a percent.
    public init(units: Int64) { self.units = units }

    /// A whole percentage (`Percent(whole: 10)` is 10%).
    public init(whole: Int) { self.units = Int64(whole) * Percent.unitsPerPercent }

    /// Zero percent.
    public static let zero = Percent(units: 0)

    /// Parses "10", "12.5" or "8.875" (at most 4 decimals; range is checked by the caller).
    public static func parse(_ text: some StringProtocol) -> Result<Percent, ExactDecimal.Problem> {
        ExactDecimal.parse(text, decimals: decimals).map(Percent.init(units:))
    }

    /// Whether the value lies in 0...100.
    public var isValidRate: Bool { units >= 0 && units <= 100 * Percent.unitsPerPercent }

    /// The shortest exact decimal ("10", "12.5").
    public var description: String { ExactDecimal.shortest(units, decimals: Percent.decimals) }

    public static func < (a: Percent, b: Percent) -> Bool { a.units < b.units }
}
