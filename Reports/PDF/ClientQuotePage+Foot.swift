import Pricing

extension ClientQuotePage {
    /// The height of the signature block (its heading included).
    static let acceptanceHeight = 62.0
    /// Room for "Q-2026-000123  ·  page 1 of 1" on one line, in points.
    static let footerIDWidth = 170.0

    /// The rate card and the quote id at the foot of the page; returns the footer's top.
    func drawFooter() -> Double {
        let q = quote
        let text = "Rate card \(q.rateCardName), version \(q.rateCardVersion). Amounts in \(q.currency)."
        let line = canvas.layout(text, .small, width: width - Self.footerIDWidth - 10)
        let top = bottom - line.height
        canvas.rule(x: left, y: top - 4, width: width, weight: 0.4)
        canvas.draw(line, x: left, y: top)
        canvas.draw("\(q.quoteID)  ·  page 1 of 1", .small, x: right - Self.footerIDWidth, y: top + line.height - 10,
                    width: Self.footerIDWidth, align: .right)
        return top - 4
    }

    /// Above `limit`: the client's acceptance, with lines for a signature and the date;
    /// a quote already accepted says when and by whom instead, a declined one says so.
    /// Returns the block's top.
    func drawAcceptance(above limit: Double) -> Double {
        let top = limit - 10 - Self.acceptanceHeight
        y = top
        heading("Acceptance")
        switch quote.request.status {
        case .accepted:
            let on = quote.request.acceptedOn.map { " on \($0)" } ?? ""
            let by = clientName.map { " by \($0)" } ?? ""
            canvas.draw("Accepted\(on)\(by)", .clientName, x: left, y: y + 8, width: width, maxLines: 2)
        case .declined:
            canvas.draw("The client declined this quote.", .bodyBold, x: left, y: y + 8, width: width)
        case .quoted:
            drawSignatureLines()
        }
        return top
    }

    /// "I accept..." and two lines to write on, labelled under them.
    private func drawSignatureLines() {
        canvas.draw("I accept this treatment plan, its price and its terms.", .body, x: left, y: y)
        let lineY = y + 30
        let signatureWidth = width * 0.58, dateX = left + width * 0.66
        canvas.rule(x: left, y: lineY, width: signatureWidth, weight: 0.7, color: .muted)
        canvas.rule(x: dateX, y: lineY, width: right - dateX, weight: 0.7, color: .muted)
        let name = clientName.map { "Signature of \($0)" } ?? "Client's signature"
        canvas.draw(name, .label, x: left, y: lineY + 3, width: signatureWidth, maxLines: 1)
        canvas.draw("Date", .label, x: dateX, y: lineY + 3)
    }

    /// The clinic's terms, wrapped, between the schedule and `limit` (the acceptance
    /// block's top).
    /// - Throws: ``ReportError/pdf(path:reason:)`` when what is above the acceptance
    ///   block, the terms included, runs into it.
    func drawTerms(above limit: Double) throws(ReportError) {
        let terms = clinic?.terms.flatMap { $0.isEmpty ? nil : $0 }
        var text: PDFText?
        var needed = y
        if let terms {
            let t = canvas.layout(terms, .small, width: width)
            needed += headingHeight + t.height
            text = t
        }
        guard needed <= limit else { throw overflow(by: needed - limit) }
        guard let text else { return }
        heading("Terms")
        canvas.draw(text, x: left, y: y)
        y += text.height
    }

    /// The error for a quote `excess` points too long for its page.
    private func overflow(by excess: Double) -> ReportError {
        var causes: [String] = []
        if let terms = clinic?.terms, !terms.isEmpty { causes.append("the clinic's terms (\(terms.count) characters)") }
        if quote.addonLines.count > 3 { causes.append("\(quote.addonLines.count) add-ons") }
        if let lines = clinic?.address.count, lines > 4 { causes.append("\(lines) address lines") }
        let cause = causes.isEmpty ? "" : " with " + causes.joined(separator: " and ")
        let points = Int(excess.rounded(.up))
        return .pdf(path: displayPath, reason: "the quote does not fit on one page\(cause): it is \(points) points too long; "
                    + "shorten the [clinic] terms or address in the rate card")
    }
}
