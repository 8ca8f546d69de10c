/// How many terminal columns text takes (`displayWidth`), for laying out tables.
///
/// Counted per grapheme cluster (what a reader sees as one character): 2 for East Asian
/// Wide and Fullwidth characters (CJK, Hangul, kana, fullwidth forms) and for emoji (an
/// emoji presented as such, a text symbol followed by VS16 U+FE0F, a flag of two regional
/// indicators); 0 for a cluster of only combining marks or zero-width characters (ZWJ,
/// ZWSP, variation selectors, Hangul medial and final jamo) and for control characters;
/// 1 for everything else. Combining accents and emoji modifiers inside a cluster add
/// nothing. Ambiguous-width characters count 1, as in most Western terminals.
public enum DisplayWidth {
    /// Columns taken by `text`.
    public static func of(_ text: some StringProtocol) -> Int {
        // Fast path: printable ASCII is one column a byte.
        var ascii = true, count = 0
        for b in text.utf8 {
            if b >= 0x80 { ascii = false; break }
            if b >= 0x20 && b != 0x7F { count += 1 }
        }
        if ascii { return count }
        var width = 0
        for c in text { width += of(c) }
        return width
    }

    /// Columns taken by one grapheme cluster.
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let base = scalars.first(where: { !isZeroWidth($0) }) else { return 0 }
        if isRegionalIndicator(base) { return scalars.count(where: isRegionalIndicator) >= 2 ? 2 : 1 }
        if isWide(base) || base.properties.isEmojiPresentation { return 2 }
        if base.properties.isEmoji && (scalars.contains("\u{FE0F}") || scalars.contains("\u{200D}")) { return 2 }
        return 1
    }

    /// Combining marks, default-ignorable characters (ZWJ, ZWSP, variation selectors,
    /// bidi controls...), Hangul medial and final jamo, and control characters.
    static func isZeroWidth(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x1160...0x11FF, 0xD7B0...0xD7FF: return true
        case 0x20...0x7E: return false
        default:
            switch u.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: return true
            default: return u.properties.isDefaultIgnorableCodePoint
            }
        }
    }

    static func isRegionalIndicator(_ u: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(u.value) }

    /// East Asian Wide or Fullwidth (Unicode's EastAsianWidth.txt, W and F), which
    /// includes the emoji presented as emoji by default.
    static func isWide(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        guard v >= 0x1100 else { return false }
        var lo = 0, hi = wideRanges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if wideRanges[mid].upperBound < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < wideRanges.count && wideRanges[lo].contains(v)
    }

    /// East Asian Wide and Fullwidth code points (Unicode 14), adjacent ranges merged
    /// across unassigned gaps; the planes 2 and 3 whole, as Unicode's default for them.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55, 0x2E80...0x303E,
        0x3041...0x3247, 0x3250...0x4DBF, 0x4E00...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xF900...0xFAD9,
        0xFE10...0xFE19, 0xFE30...0xFE6B, 0xFF01...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x1B2FB, 0x1F004...0x1F004,
        0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F320, 0x1F32D...0x1F335, 0x1F337...0x1F37C,
        0x1F37E...0x1F393, 0x1F3A0...0x1F3CA, 0x1F3CF...0x1F3D3, 0x1F3E0...0x1F3F0, 0x1F3F4...0x1F3F4, 0x1F3F8...0x1F43E,
        0x1F440...0x1F440, 0x1F442...0x1F4FC, 0x1F4FF...0x1F53D, 0x1F54B...0x1F54E, 0x1F550...0x1F567, 0x1F57A...0x1F57A,
        0x1F595...0x1F596, 0x1F5A4...0x1F5A4, 0x1F5FB...0x1F64F, 0x1F680...0x1F6C5, 0x1F6CC...0x1F6CC, 0x1F6D0...0x1F6D2,
        0x1F6D5...0x1F6DF, 0x1F6EB...0x1F6EC, 0x1F6F4...0x1F6FC, 0x1F7E0...0x1F7F0, 0x1F90C...0x1F93A, 0x1F93C...0x1F945,
        0x1F947...0x1F9FF, 0x1FA70...0x1FAF6, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
