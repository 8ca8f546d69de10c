import Pricing

/// The page a client quote is drawn on, in PDF points (1/72 inch).
struct PaperSize: Equatable {
    var width: Double
    var height: Double

    /// US Letter, 612 x 792 points.
    static let letter = PaperSize(width: 612, height: 792)
    /// ISO A4, 595 x 842 points (210 x 297 mm rounded to whole points).
    static let a4 = PaperSize(width: 595, height: 842)

    /// The clinic's paper (`[clinic] paper`); letter without a clinic.
    init(_ paper: ClinicDetails.Paper?) {
        switch paper ?? .letter {
        case .letter: self = .letter
        case .a4: self = .a4
        }
    }

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}
