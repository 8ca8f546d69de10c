import Pricing

extension ClientQuotePage {
    /// The width of the amount column.
    static let amountWidth = 110.0
    /// The height of a row of the price table.
    static let priceRow = 12.0

    /// The price waterfall of SPEC section 4, one line a step: the session's list price
    /// and price, the list total, the discounts, the treatment, each add-on, the tax, the
    /// total (in a band, with the currency), then the deposit, the balance and the
    /// treatment's price per session.
    func drawPrice() {
        let q = quote
        heading("Price", note: "Amounts in \(q.currency)")
        priceLine("Session list price, the areas' surcharges included", MoneyText.grouped(q.sessionListPrice))
        switch q.priceLimit {
        case .ceiling: priceLine("Session price, capped at the rate card's ceiling", MoneyText.grouped(q.sessionPrice))
        case .floor: priceLine("Session price, raised to the rate card's minimum", MoneyText.grouped(q.sessionPrice))
        case .none: priceLine("Session price", MoneyText.grouped(q.sessionPrice))
        }
        priceLine("\(q.request.sessions) \(q.request.sessions == 1 ? "session" : "sessions") × "
                  + MoneyText.grouped(q.sessionPrice), MoneyText.grouped(q.listTotal))
        if q.seriesDiscount != .zero || q.seriesDiscountPercent != .zero {
            priceLine("Series discount, \(q.seriesDiscountPercent)%", MoneyText.discount(q.seriesDiscount))
        }
        if let code = q.promoCode { priceLine("Promotion \(code)", MoneyText.discount(q.promoDiscount)) }
        priceLine("Treatment", MoneyText.grouped(q.treatmentNet), style: .bodyBold)
        drawAddons()
        priceLine("Tax, \(q.taxRate)% of \(MoneyText.grouped(q.taxableAmount))", MoneyText.grouped(q.tax))
        drawTotal()
        priceLine("Deposit, due on acceptance (\(q.depositPercent)%)", MoneyText.grouped(q.deposit))
        priceLine(balanceLabel, MoneyText.grouped(q.balance))
        priceLine("Treatment price per session", MoneyText.grouped(q.perSessionPrice), style: .small)
    }

    /// Each add-on line (its name, and the count and unit price of a per-session one),
    /// and their sum when there are several.
    private func drawAddons() {
        for a in quote.addonLines {
            let count = a.per == .session ? "\(a.quantity) × \(MoneyText.grouped(a.unitPrice))" : "once"
            let tax = a.taxable ? ", taxed" : ""
            priceLine("\(a.name)  (\(count)\(tax))", MoneyText.grouped(a.amount))
        }
        if quote.addonLines.count > 1 { priceLine("Add-ons", MoneyText.grouped(quote.addonsTotal), style: .bodyBold) }
    }

    /// The total in a band, the currency in front of it (so its digits line up with the others).
    private func drawTotal() {
        y += 2
        let label = canvas.layout("Total", .total)
        canvas.band(x: left, y: y, width: width, height: label.height + 6)
        canvas.draw(label, x: left + 6, y: y + 3)
        canvas.drawRightAligned(MoneyText.withCurrency(quote.total, quote.currency), .total, rightEdge: right - 6, y: y + 3)
        y += label.height + 8
    }

    private var balanceLabel: String {
        let n = quote.installments.count
        return n == 1 ? "Balance, due on the session day" : "Balance, in \(n) payments due on the session days"
    }

    /// A label (wrapped short of the amount column) and its amount, right-aligned; both 6
    /// points in from the margins, as in the total's band.
    private func priceLine(_ label: String, _ amount: String, style: PDFTextStyle = .body) {
        let labelWidth = width - Self.amountWidth - 24
        let h = canvas.draw(label, style, x: left + 6, y: y, width: labelWidth)
        canvas.drawRightAligned(amount, style, rightEdge: right - 6, y: y + (style == .small ? 1 : 0))
        y += max(h, Self.priceRow - 1) + 1
    }
}
