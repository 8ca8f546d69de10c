import Pricing

/// A quote as the ledger stores it: the quote with its ledger id and where it came from.
/// ``encode(into:)`` is the one mapping from a quote to its columns, for every store.
public struct QuoteRow: Sendable {
    /// The quote; its `quoteID` is ``number``'s text.
    public var quote: Quote
    public var number: QuoteNumber
    /// ``QuoteSource/storedName``.
    public var source: String
    /// The request's line in its requests file; nil for quotes saved one at a time.
    public var line: Int?
    /// ``RateCard/contentHash`` of the card that priced it.
    public var rateCardHash: String

    public init(quote: Quote, number: QuoteNumber, source: String, line: Int?, rateCardHash: String) {
        self.quote = quote
        self.number = number
        self.source = source
        self.line = line
        self.rateCardHash = rateCardHash
    }

    /// The row of a saved entry (``LedgerEntry``), as ``LedgerCopy`` moves it to another
    /// store; nil when its quote id is not a ledger id.
    public init?(_ entry: LedgerEntry) {
        guard let number = QuoteNumber(entry.quote.quoteID) else { return nil }
        self.init(quote: entry.quote, number: number, source: entry.source, line: entry.line, rateCardHash: entry.rateCardHash)
    }

    /// Hands the row's values to `e` in the order of ``QuoteColumns/all``. Inlinable, so
    /// that a store's encoder is specialized into it (a batch save runs it a million times).
    @inlinable
    public func encode<E: QuoteRowEncoder>(into e: inout E) {
        let r = quote.request, q = quote
        var perSession = Money.zero, perPackage = Money.zero
        for a in q.addonLines { if a.per == .session { perSession += a.amount } else { perPackage += a.amount } }
        e.int(number.rowID); e.text(number.description); e.int(Int64(number.year)); e.int(Int64(number.seq))
        e.source(source)
        if let line { e.int(Int64(line)) } else { e.null() }
        e.text(r.requestID); e.text(r.client); e.text(r.location); e.text(q.locationName); e.text(r.tier)
        e.text(q.tierName); e.list(r.areas, separator: 0x3B); e.list(q.areaNames, separator: 0x1F)
        e.list(r.addons, separator: 0x3B); e.int(Int64(r.sessions)); e.int(Int64(q.spacingWeeks))
        e.date(r.startDate ?? q.quoteDate)
        if let promo = r.promo { e.text(promo) } else { e.null() }
        if let code = q.promoCode { e.text(code) } else { e.null() }
        e.date(q.quoteDate); e.date(q.validUntil); e.date(q.firstSession); e.date(q.lastSession)
        e.text(r.status.rawValue)
        if let on = r.acceptedOn { e.date(on) } else { e.null() }
        e.int(q.sessionListPrice.cents); e.int(q.sessionPrice.cents); e.text(q.priceLimit.rawValue)
        e.int(q.listTotal.cents); e.int(q.seriesDiscountPercent.units); e.int(q.seriesDiscount.cents)
        e.int(q.promoDiscount.cents); e.int(q.treatmentNet.cents); e.int(q.addonsTotal.cents)
        e.int(perSession.cents); e.int(perPackage.cents); e.int(q.taxableAmount.cents); e.int(q.taxRate.units)
        e.int(q.tax.cents); e.int(q.total.cents); e.int(q.depositPercent.units); e.int(q.deposit.cents)
        e.int(q.balance.cents); e.int(q.perSessionPrice.cents)
        e.text { bytes in
            for (i, s) in q.schedule.sessions.enumerated() {
                if i > 0 { bytes.append(0x20) }
                s.date.appendISO(to: &bytes)
            }
        }
        e.text { AddonLinesText.encode(q.addonLines, to: &$0) }
        e.text { bytes in
            for (i, installment) in q.installments.enumerated() {
                if i > 0 { bytes.append(0x20) }
                ASCIIDecimal.append(installment.amount.cents, to: &bytes)
            }
        }
        e.text(q.rateCardName); e.text(q.rateCardVersion); e.text(rateCardHash); e.text(q.currency)
    }
}

extension QuoteRowEncoder {
    /// A date as `YYYY-MM-DD`.
    @inlinable
    mutating func date(_ d: LocalDate) { text { d.appendISO(to: &$0) } }

    /// `items` joined by the byte `separator`.
    @inlinable
    mutating func list(_ items: [String], separator: UInt8) {
        text { bytes in
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(separator) }
                var item = item
                item.withUTF8 { bytes.append(contentsOf: $0) }
            }
        }
    }
}
