/// A priced treatment plan (SPEC section 4): every figure of the price waterfall, the
/// installment plan and the session schedule. All money is in cents.
public struct Quote: Sendable, Equatable {
    /// Which limit held the session price, if any.
    public enum PriceLimit: String, Sendable { case none = "", floor, ceiling }

    /// `Q-` and 12 hex digits derived from the request alone, so reruns agree; a saved
    /// quote carries the ledger's id instead.
    public var quoteID: String
    /// The request with its defaults filled in (spacing, start date, quote date).
    public var request: QuoteRequest
    public var rateCardName: String
    public var rateCardVersion: String
    public var currency: String
    public var locationName: String
    public var tierName: String
    public var areaNames: [String]

    /// Step 1: the location's rate for the tier plus the areas' surcharges.
    public var sessionListPrice: Money
    /// Step 2: the list price held to the card's floor and ceiling.
    public var sessionPrice: Money
    public var priceLimit: PriceLimit
    /// Step 3: session price x sessions.
    public var listTotal: Money
    /// Step 4.
    public var seriesDiscountPercent: Percent
    public var seriesDiscount: Money
    /// Step 5: the promotion's code in upper case (nil without one) and what it took off.
    public var promoCode: String?
    public var promoDiscount: Money
    public var treatmentNet: Money
    /// Step 6.
    public var addonLines: [AddonLine]
    public var addonsTotal: Money
    /// Step 7.
    public var taxableAmount: Money
    public var taxRate: Percent
    public var tax: Money
    /// Step 8.
    public var total: Money
    /// Step 9.
    public var depositPercent: Percent
    public var deposit: Money
    public var balance: Money
    public var installments: [Installment]
    /// Step 10 (display only).
    public var perSessionPrice: Money
    /// Step 11.
    public var schedule: SessionSchedule
    /// Step 12.
    public var quoteDate: LocalDate
    public var validUntil: LocalDate

    /// Resolved spacing in weeks.
    public var spacingWeeks: Int { request.spacingWeeks ?? 0 }
    /// `total - tax`: what the clinic earns from the quote (SPEC section 7).
    public var value: Money { total - tax }
    public var firstSession: LocalDate { schedule.sessions.first!.date }
    public var lastSession: LocalDate { schedule.sessions.last!.date }

    /// Every figure as given (the ledger rebuilds saved quotes with it; new quotes come
    /// from ``QuoteEngine``).
    public init(quoteID: String, request: QuoteRequest, rateCardName: String, rateCardVersion: String, currency: String,
                locationName: String, tierName: String, areaNames: [String], sessionListPrice: Money, sessionPrice: Money,
                priceLimit: PriceLimit, listTotal: Money, seriesDiscountPercent: Percent, seriesDiscount: Money,
                promoCode: String?, promoDiscount: Money, treatmentNet: Money, addonLines: [AddonLine], addonsTotal: Money,
                taxableAmount: Money, taxRate: Percent, tax: Money, total: Money, depositPercent: Percent, deposit: Money,
                balance: Money, installments: [Installment], perSessionPrice: Money, schedule: SessionSchedule,
                quoteDate: LocalDate, validUntil: LocalDate) {
        self.quoteID = quoteID; self.request = request; self.rateCardName = rateCardName
        self.rateCardVersion = rateCardVersion; self.currency = currency; self.locationName = locationName
        self.tierName = tierName; self.areaNames = areaNames; self.sessionListPrice = sessionListPrice
        self.sessionPrice = sessionPrice; self.priceLimit = priceLimit; self.listTotal = listTotal
        self.seriesDiscountPercent = seriesDiscountPercent; self.seriesDiscount = seriesDiscount
        self.promoCode = promoCode; self.promoDiscount = promoDiscount; self.treatmentNet = treatmentNet
        self.addonLines = addonLines; self.addonsTotal = addonsTotal; self.taxableAmount = taxableAmount
        self.taxRate = taxRate; self.tax = tax; self.total = total; self.depositPercent = depositPercent
        self.deposit = deposit; self.balance = balance; self.installments = installments
        self.perSessionPrice = perSessionPrice; self.schedule = schedule; self.quoteDate = quoteDate
        self.validUntil = validUntil
    }
}

/// One add-on on a quote: price x quantity (sessions, or 1 for a package add-on).
public struct AddonLine: Sendable, Equatable {
    public var id: String
    public var name: String
    public var unitPrice: Money
    public var per: Addon.Per
    public var quantity: Int
    public var amount: Money
    public var taxable: Bool

    public init(id: String, name: String, unitPrice: Money, per: Addon.Per, quantity: Int, amount: Money, taxable: Bool) {
        self.id = id; self.name = name; self.unitPrice = unitPrice; self.per = per; self.quantity = quantity
        self.amount = amount; self.taxable = taxable
    }
}

/// One payment of the balance, due on the day of its session.
public struct Installment: Sendable, Equatable {
    /// 1-based.
    public var number: Int
    public var dueOn: LocalDate
    public var amount: Money

    public init(number: Int, dueOn: LocalDate, amount: Money) { self.number = number; self.dueOn = dueOn; self.amount = amount }
}
