import Pricing

/// The share of a month's quotes that are accepted (SPEC section 7 `conversion_rate`), kept
/// exact: a whole number of ten-thousandths (`7500` is 75.00 %), rounded half up from
/// `accepted / issued` once, when it is made.
///
/// Outputs take it from here: CSV writes ``text`` (`0.7500`), a workbook cell the number
/// ``fraction`` made from the integer at that moment. Nothing reads the text back.
public struct ConversionRate: Sendable, Hashable, Comparable {
    /// Ten-thousandths of the whole (0 ... 10,000 for a rate the report makes).
    public let tenThousandths: Int64

    public static let scale: Int64 = 10_000

    public init(tenThousandths: Int64) { self.tenThousandths = tenThousandths }

    /// `accepted / issued` in ten-thousandths, half up; nil when none were issued, or for a
    /// negative count or a quotient that does not fit (never made by ``MonthlyRevenue``).
    public init?(accepted: Int, issued: Int) {
        guard issued > 0,
              let t = RoundingMode.halfUp.checkedDivide(Int128(accepted) * Int128(Self.scale), by: Int128(issued))
        else { return nil }
        tenThousandths = t
    }

    /// The CSV text: 4 decimals (`0.7500`, `1.0000`).
    public var text: String { ExactDecimal.fixed(tenThousandths, decimals: 4) }

    /// The rate as the number a spreadsheet cell holds (0.75 for 75 %), computed from the
    /// integer once, where the cell is written: the double nearest ``text``'s decimal value
    /// (exactly what reading the text would give, for any rate up to 2^53 ten-thousandths).
    public var fraction: Double { Double(tenThousandths) / Double(Self.scale) }

    public static func < (a: ConversionRate, b: ConversionRate) -> Bool { a.tenThousandths < b.tenThousandths }
}
