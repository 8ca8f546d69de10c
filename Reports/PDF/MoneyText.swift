import Pricing

/// Amounts as a client quote prints them: thousands grouped by commas and exactly two
/// decimals (`131693` cents -> `1,316.93`), from the `Int64` cents alone (no floating
/// point). The currency is named over the column, and before the total (`USD 1,316.93`).
enum MoneyText {
    /// `cents` with grouped thousands and two decimals; a negative amount starts with `-`
    /// (every `Int64`, `Int64.min` included).
    static func grouped(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        let whole = String(magnitude / 100)
        let fraction = magnitude % 100
        var out = ""
        out.reserveCapacity(whole.utf8.count + whole.utf8.count / 3 + 4)
        for (i, digit) in whole.enumerated() {
            if i > 0, (whole.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (cents < 0 ? "-" : "") + out + (fraction < 10 ? ".0" : ".") + String(fraction)
    }

    /// ``grouped(_:)`` of an amount.
    static func grouped(_ money: Money) -> String { grouped(money.cents) }

    /// An amount taken off the price: `-141.00` (nothing taken off prints `0.00`).
    static func discount(_ money: Money) -> String { money.cents == 0 ? "0.00" : grouped(-money.cents) }

    /// The amount after its currency code: `USD 1,316.93` (right-aligned, its digits line
    /// up with the amounts above it).
    static func withCurrency(_ money: Money, _ currency: String) -> String { currency + " " + grouped(money) }
}
