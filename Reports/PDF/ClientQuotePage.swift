import Pricing

/// The one page of a client quote, drawn top to bottom: the letterhead, the client, the
/// plan, the price, the sessions and payments, the terms; the acceptance block and the
/// footer are drawn from the foot of the page up. ``draw()`` throws when the flow would
/// run into the acceptance block: a quote is one page or nothing.
final class ClientQuotePage {
    let canvas: PDFCanvas
    let quote: Quote
    let clinic: ClinicDetails?
    let logo: PNGLogo?
    let paper: PaperSize
    /// Where the next block starts, in points from the top of the page.
    var y: Double
    /// The messages' name for the file being written.
    let displayPath: String

    /// The left and right margins, and the top and bottom ones.
    static let sideMargin = 48.0
    static let topMargin = 40.0
    static let bottomMargin = 30.0
    /// Space above a section heading.
    static let sectionGap = 9.0

    var left: Double { Self.sideMargin }
    var right: Double { paper.width - Self.sideMargin }
    var width: Double { right - left }
    var bottom: Double { paper.height - Self.bottomMargin }

    init(canvas: PDFCanvas, quote: Quote, clinic: ClinicDetails?, logo: PNGLogo?, paper: PaperSize, displayPath: String) {
        self.canvas = canvas
        self.quote = quote
        self.clinic = clinic
        self.logo = logo
        self.paper = paper
        self.displayPath = displayPath
        y = Self.topMargin
    }

    /// Draws the whole page.
    /// - Throws: ``ReportError/pdf(path:reason:)`` when the quote does not fit on it.
    func draw() throws(ReportError) {
        drawLetterhead()
        drawTitle()
        drawClient()
        drawPlan()
        drawPrice()
        drawSchedule()
        let flow = y
        let acceptanceTop = drawAcceptance(above: drawFooter())
        y = flow
        try drawTerms(above: acceptanceTop)
    }

    /// The height ``heading(_:note:)`` takes, the gap above it included.
    var headingHeight: Double { Self.sectionGap + canvas.layout("X", .heading).height + 6 }

    /// A section heading in small capitals of the accent colour over a rule, with an
    /// optional note at the right end (a column's unit); moves below it.
    func heading(_ title: String, note: String? = nil) {
        y += Self.sectionGap
        let h = canvas.draw(title.uppercased(), .heading, x: left, y: y)
        if let note { canvas.draw(note, .label, x: left, y: y + 1, width: width, align: .right) }
        y += h + 2
        canvas.rule(x: left, y: y, width: width, weight: 0.8, color: .accent)
        y += 4
    }

    /// The client's name as printed (a quote without one leaves a line to write it on).
    var clientName: String? { quote.request.client.isEmpty ? nil : quote.request.client }
}
