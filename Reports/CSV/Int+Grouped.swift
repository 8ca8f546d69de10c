extension Int {
    /// The number with its thousands grouped by commas (`40000` -> `40,000`), for messages.
    var groupedByThousands: String {
        var digits = String(magnitude), out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return (self < 0 ? "-" : "") + digits + out
    }
}
