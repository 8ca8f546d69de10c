/// Which of the Han-writing languages a text is in, told from the text alone: pango and
/// fontconfig would otherwise take it from the environment (`LANG`, `LANGUAGE`), and draw
/// the same name with Japanese glyphs on one machine and Chinese ones on another.
///
/// Kana make a text Japanese, Hangul Korean; other Han characters are set as Simplified
/// Chinese. The hint names the text's language for pango (a language attribute, which
/// also chooses the font's local glyph forms) and puts the matching Noto Sans CJK face
/// first after DejaVu Sans in the font list.
enum PDFScriptHint: Equatable {
    /// No character beyond DejaVu Sans' scripts (U+2E80 and up): the style's own font list.
    case none
    case japanese
    case korean
    case chinese

    init(_ text: String) {
        var han = false
        for scalar in text.unicodeScalars where scalar.value >= 0x2E80 {
            switch scalar.value {
            case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: self = .japanese; return
            case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF: self = .korean; return
            case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: han = true
            default: continue
            }
        }
        self = han ? .chinese : .none
    }

    /// The BCP 47 language pango is told.
    var language: String? {
        switch self {
        case .none: nil
        case .japanese: "ja"
        case .korean: "ko"
        case .chinese: "zh-cn"
        }
    }

    /// The font list after DejaVu Sans: every Noto Sans CJK face, this text's first.
    var fallbackFamilies: String {
        let faces = ["SC", "JP", "KR", "TC"]
        let first: String
        switch self {
        case .japanese: first = "JP"
        case .korean: first = "KR"
        case .none, .chinese: first = "SC"
        }
        return ([first] + faces.filter { $0 != first }).map { "Noto Sans CJK " + $0 }.joined(separator: ",")
    }
}
