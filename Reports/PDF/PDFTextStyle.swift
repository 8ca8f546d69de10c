/// The type styles of a client quote: a size in points, a weight and a colour. Every
/// style is DejaVu Sans, which pango completes from other fonts for scripts it lacks.
enum PDFTextStyle: Int, CaseIterable {
    /// Table text and values.
    case body
    case bodyBold
    /// Labels in front of values, column headings.
    case label
    /// Address, contact, notes, the terms.
    case small
    case smallBold
    /// Section headings.
    case heading
    case clinicName
    case clientName
    /// "Treatment plan quote", top right.
    case title
    /// The total.
    case total

    var points: Double {
        switch self {
        case .body, .bodyBold: 9.5
        case .label, .small, .smallBold: 8
        case .heading: 9
        case .clinicName: 13
        case .clientName: 12
        case .title: 15
        case .total: 11
        }
    }

    var bold: Bool {
        switch self {
        case .bodyBold, .smallBold, .heading, .clinicName, .clientName, .title, .total: true
        case .body, .label, .small: false
        }
    }

    var color: PDFColor {
        switch self {
        case .label, .small: .muted
        case .heading, .title: .accent
        default: .ink
        }
    }

    /// The font as pango names it: `DejaVu Sans Bold 9.5`.
    var fontName: String { "DejaVu Sans" + (bold ? " Bold " : " ") + String(describing: points) }
}

/// A colour, as cairo takes it (red, green and blue from 0 to 1).
struct PDFColor: Equatable {
    var red: Double
    var green: Double
    var blue: Double

    /// Text.
    static let ink = PDFColor(red: 0.13, green: 0.15, blue: 0.17)
    /// Labels and notes.
    static let muted = PDFColor(red: 0.38, green: 0.41, blue: 0.45)
    /// Headings and the rule under the letterhead: a deep teal.
    static let accent = PDFColor(red: 0.05, green: 0.36, blue: 0.42)
    /// Thin rules between rows.
    static let rule = PDFColor(red: 0.80, green: 0.83, blue: 0.85)
    /// The band behind table headings and the total.
    static let band = PDFColor(red: 0.93, green: 0.96, blue: 0.96)
}
