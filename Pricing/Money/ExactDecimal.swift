/// Exact parsing of plain decimal text ("89.95", "12.5") into a scaled integer.
///
/// No floating point is involved: the digits are read one by one into an `Int64`
/// scaled by `10^decimals`. Used for money (2 decimals) and percentages (4 decimals).
public enum ExactDecimal {
    /// Why a text is not an acceptable decimal.
    public enum Problem: Error, Equatable, Sendable {
        case empty
        case notANumber
        case negative
        case tooManyDecimals(allowed: Int)
        case tooLarge
    }

    /// Parses `text` (surrounding spaces ignored) into an integer scaled by `10^decimals`.
    ///
    /// Accepted: digits, optionally a `.` and 1...`decimals` more digits; a leading `+`.
    /// Trailing zeros past `decimals` are accepted ("89.950" is 8995 cents).
    public static func parse(_ text: some StringProtocol, decimals: Int) -> Result<Int64, Problem> {
        var bytes = Array(text.utf8)[...]
        while let f = bytes.first, f == 0x20 || f == 0x09 { bytes.removeFirst() }
        while let l = bytes.last, l == 0x20 || l == 0x09 { bytes.removeLast() }
        if bytes.isEmpty { return .failure(.empty) }
        if bytes.first == UInt8(ascii: "-") {
            let rest = bytes.dropFirst()
            if !rest.isEmpty, case .success = parse(String(decoding: rest, as: UTF8.self), decimals: decimals) {
                return .failure(.negative)
            }
            return .failure(.notANumber)
        }
        if bytes.first == UInt8(ascii: "+") { bytes.removeFirst() }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var sawDot = false
        var sawDigit = false
        var tooLarge = false
        var extraNonZero = false
        for b in bytes {
            if b == UInt8(ascii: ".") {
                if sawDot { return .failure(.notANumber) }
                sawDot = true
                continue
            }
            guard b >= 0x30 && b <= 0x39 else { return .failure(.notANumber) }
            sawDigit = true
            let d = Int64(b - 0x30)
            if sawDot {
                if fractionDigits < decimals {
                    fraction = fraction * 10 + d
                    fractionDigits += 1
                } else if d != 0 {
                    extraNonZero = true
                }
            } else {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(d)
                if o1 || o2 { tooLarge = true } else { whole = s }
            }
        }
        if !sawDigit { return .failure(.notANumber) }
        if sawDot && bytes.last == UInt8(ascii: ".") { return .failure(.notANumber) }
        if sawDot && bytes.first == UInt8(ascii: ".") { return .failure(.notANumber) }
        if extraNonZero { return .failure(.tooManyDecimals(allowed: decimals)) }
        if tooLarge { return .failure(.tooLarge) }
        while fractionDigits < decimals { fraction *= 10; fractionDigits += 1 }
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let (m, o1) = whole.multipliedReportingOverflow(by: scale)
        let (s, o2) = m.addingReportingOverflow(fraction)
        if o1 || o2 { return .failure(.tooLarge) }
        return .success(s)
    }

    /// Formats `value / 10^decimals` with exactly `decimals` fractional digits ("1316.93").
    public static func fixed(_ value: Int64, decimals: Int) -> String {
        format(value, decimals: decimals, trimZeros: false)
    }

    /// Formats `value / 10^decimals` as the shortest exact decimal ("10", "12.5", "8.875").
    public static func shortest(_ value: Int64, decimals: Int) -> String {
        format(value, decimals: decimals, trimZeros: true)
    }

    private static func format(_ value: Int64, decimals: Int, trimZeros: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24 + max(decimals, 0))
        append(value, decimals: decimals, trimZeros: trimZeros, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value / 10^decimals` to `bytes` as ``fixed(_:decimals:)`` writes it (as
    /// ``shortest(_:decimals:)`` with `trimZeros`), without making a `String`: the JSON
    /// writer's path. The digits are written from the last (the fraction's `decimals`
    /// digits, trailing zeros left out when `trimZeros` and the point with them when none
    /// is left; the point; the whole part; the sign), then turned around in place.
    public static func append(_ value: Int64, decimals: Int, trimZeros: Bool, to bytes: inout [UInt8]) {
        let start = bytes.count
        var rest = value.magnitude, trimming = trimZeros
        for _ in 0..<max(decimals, 0) {
            let digit = UInt8(rest % 10)
            rest /= 10
            if trimming && digit == 0 { continue }
            trimming = false
            bytes.append(0x30 + digit)
        }
        if bytes.count > start { bytes.append(0x2E) }
        repeat {
            bytes.append(0x30 + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        if value < 0 { bytes.append(0x2D) }
        bytes[start...].reverse()
    }
}
