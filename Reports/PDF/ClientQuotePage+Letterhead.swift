import Pricing

extension ClientQuotePage {
    /// The largest box the logo is scaled into, in points.
    static let logoBox = (width: 100.0, height: 50.0)

    /// The clinic's logo at the left, its name, address and contact beside it, and an
    /// accent rule under them; nothing without a clinic.
    func drawLetterhead() {
        guard let clinic else { return }
        let top = y
        var bottom = top
        var textX = left
        if let logo {
            let drawn = logo.draw(on: canvas.cr, x: left, y: top, width: Self.logoBox.width, height: Self.logoBox.height)
            textX += drawn.width + 14
            bottom = top + drawn.height
        }
        let textWidth = right - textX
        var ty = top
        ty += canvas.draw(clinic.name, .clinicName, x: textX, y: ty, width: textWidth) + 2
        let address = clinic.address.filter { !$0.isEmpty }
        if !address.isEmpty {
            ty += canvas.draw(address.joined(separator: "  ·  "), .small, x: textX, y: ty, width: textWidth) + 1
        }
        let contact = [clinic.phone, clinic.email, clinic.website].compactMap { $0 }.filter { !$0.isEmpty }
        if !contact.isEmpty {
            ty += canvas.draw(contact.joined(separator: "  ·  "), .small, x: textX, y: ty, width: textWidth)
        }
        y = max(bottom, ty) + 8
        canvas.rule(x: left, y: y, width: width, weight: 1.5, color: .accent)
        y += 10
    }

    /// "Treatment plan quote" at the left; the quote id, its date and how long it holds
    /// at the right.
    func drawTitle() {
        let title = canvas.layout("Treatment plan quote", .title)
        canvas.draw(title, x: left, y: y)
        let infoX = left + title.width + 16, infoWidth = right - infoX
        let id = canvas.draw(quote.quoteID, .bodyBold, x: infoX, y: y, width: infoWidth, align: .right)
        let dates = "Quote date  \(quote.quoteDate)   ·   Valid until  \(quote.validUntil)"
        let h = canvas.draw(dates, .small, x: infoX, y: y + id + 1, width: infoWidth, align: .right)
        y += max(title.height, id + 1 + h) + 8
    }

    /// "Prepared for" and the client's name across the page (wrapped if it must be, at
    /// most two lines); a quote without a name leaves a line to write it on.
    func drawClient() {
        canvas.draw("PREPARED FOR", .label, x: left, y: y)
        y += 11
        if let name = clientName {
            y += canvas.draw(name, .clientName, x: left, y: y, width: width, maxLines: 2)
        } else {
            y += 16
            canvas.rule(x: left, y: y, width: width * 0.5, weight: 0.6, color: .muted)
        }
    }
}
