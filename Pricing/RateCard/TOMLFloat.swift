import TOMLKit

/// The one place binary floating point is allowed in Pricing: a TOML float literal
/// (`price = 89.95`) arrives from the TOML parser as a binary float, and this turns it
/// into an exact scaled integer.
///
/// The float is printed as its shortest round-trip decimal (Swift's own printing,
/// independent of locale), which is the literal the user wrote whenever that literal had
/// 17 or fewer significant digits; that text is then parsed exactly. A value with more
/// decimals than allowed is rejected, never rounded.
enum TOMLFloat {
    /// The exact plain decimal text of a TOML float value ("89.95", "0.00001"), or nil
    /// for a value that is not a finite float. Callers parse the text with ``ExactDecimal``,
    /// which rejects more decimals than allowed.
    static func decimalText(of value: TOMLValueConvertible) -> String? {
        guard value.type == .double, let number: Double = value.double, number.isFinite else { return nil }
        return plain("\(number)")
    }

    /// Rewrites scientific notation ("1e-05", "1.5e+16") as plain decimal text.
    static func plain(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        var mantissa = String(text[..<e])
        guard let exponent = Int(text[text.index(after: e)...]) else { return text }
        var sign = ""
        if mantissa.hasPrefix("-") { sign = "-"; mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = String(parts[0])
        let fracPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = intPart + fracPart
        var point = intPart.count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: -point + 1) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        let whole = digits.prefix(point)
        let frac = digits.dropFirst(point)
        return sign + whole + (frac.isEmpty ? "" : "." + frac)
    }
}
