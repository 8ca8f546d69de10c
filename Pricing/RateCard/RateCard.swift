/// A clinic's pricing file (SPEC section 2): what every session, area, add-on and
/// promotion costs, and the rules a quote must follow.
///
/// Load one with ``RateCard/load(path:)`` or ``RateCard/parse(toml:file:)``; both check
/// every rule of SPEC section 2 and report all problems at once.
public struct RateCard: Sendable, Equatable {
    /// The name shown on quotes ("Microneedling rate card, winter 2026").
    public var name: String
    /// The version recorded on every quote ("2026.4").
    public var version: String
    /// ISO 4217 currency code ("USD").
    public var currency: String
    /// First day (inclusive) a quote may be dated.
    public var effectiveFrom: LocalDate
    /// Last day (inclusive) a quote may be dated, if any.
    public var effectiveUntil: LocalDate?
    /// The `[rules]` table with defaults filled in.
    public var rules: Rules
    /// Practitioner tiers, sorted by id.
    public var tiers: [Tier]
    /// Clinic locations, sorted by id.
    public var locations: [Location]
    /// Treatable areas, sorted by id.
    public var areas: [Area]
    /// Series discounts, sorted by sessions.
    public var seriesDiscounts: [SeriesDiscount]
    /// Add-ons, sorted by id.
    public var addons: [Addon]
    /// Promotions, sorted by code (upper case).
    public var promotions: [Promotion]
    /// The clinic's details printed on client quotes (the optional `[clinic]` table);
    /// nil when the card has none. They never change a price.
    public var clinic: ClinicDetails?
    /// A fingerprint of the TOML text the card was loaded from (16 hex digits of FNV-1a),
    /// recorded with saved quotes; empty for a card built in code. It covers the text
    /// only: the bytes of a `[clinic]` logo file are not in it.
    public var contentHash = ""

    public init(name: String, version: String, currency: String, effectiveFrom: LocalDate,
                effectiveUntil: LocalDate?, rules: Rules, tiers: [Tier], locations: [Location],
                areas: [Area], seriesDiscounts: [SeriesDiscount], addons: [Addon], promotions: [Promotion],
                clinic: ClinicDetails? = nil) {
        self.clinic = clinic
        self.name = name
        self.version = version
        self.currency = currency
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
        self.rules = rules
        self.tiers = tiers.sorted { $0.id < $1.id }
        self.locations = locations.sorted { $0.id < $1.id }
        self.areas = areas.sorted { $0.id < $1.id }
        self.seriesDiscounts = seriesDiscounts.sorted { $0.sessions < $1.sessions }
        self.addons = addons.sorted { $0.id < $1.id }
        self.promotions = promotions.sorted { $0.code < $1.code }
    }

    public func tier(_ id: String) -> Tier? { tiers.first { $0.id == id } }
    public func location(_ id: String) -> Location? { locations.first { $0.id == id } }
    public func area(_ id: String) -> Area? { areas.first { $0.id == id } }
    public func addon(_ id: String) -> Addon? { addons.first { $0.id == id } }
    /// The promotion whose code matches `code` case-insensitively.
    public func promotion(_ code: String) -> Promotion? {
        let upper = code.uppercased()
        return promotions.first { $0.code == upper }
    }

    /// Whether a quote may be dated `date` under this card (effective dates inclusive).
    public func isEffective(on date: LocalDate) -> Bool {
        date >= effectiveFrom && (effectiveUntil.map { date <= $0 } ?? true)
    }

    /// The series discount for `sessions`: the entry with the largest `sessions` not above it.
    public func seriesDiscount(for sessions: Int) -> SeriesDiscount? {
        seriesDiscounts.last { $0.sessions <= sessions }
    }
}

/// The `[rules]` table. Money in cents, spacing in weeks, validity in days.
public struct Rules: Sendable, Equatable {
    public var sessionPriceFloor = Money(cents: 10_000)
    public var sessionPriceCeiling = Money(cents: 70_000)
    public var minSessions = 1
    public var maxSessions = 6
    public var spacingWeeksMin = 4
    public var spacingWeeksMax = 6
    public var defaultSpacingWeeks = 4
    public var quoteValidDays = 30
    public var depositPercent = Percent.zero
    public var rounding = RoundingMode.halfUp
    public var servicesTaxable = false

    public init() {}
}

/// A practitioner tier (`[tiers.ID]`).
public struct Tier: Sendable, Equatable {
    public var id: String
    public var name: String
    public init(id: String, name: String) { self.id = id; self.name = name }
}

/// A clinic location (`[locations.ID]`) with its tax rate, closed days and base rates.
public struct Location: Sendable, Equatable {
    public var id: String
    public var name: String
    /// Sales tax on taxable lines.
    public var taxRate: Percent
    /// Days the location takes no sessions.
    public var closedWeekdays: Set<Weekday> {
        didSet { closedMask = Location.mask(closedWeekdays) }
    }
    /// `closedWeekdays` as bits by ``Weekday/index``, for the schedule's day-by-day checks.
    private var closedMask: UInt8
    /// Base price of one face session for each tier id, in cents.
    public var rates: [String: Money]

    public init(id: String, name: String, taxRate: Percent, closedWeekdays: Set<Weekday>, rates: [String: Money]) {
        self.id = id
        self.name = name
        self.taxRate = taxRate
        self.closedWeekdays = closedWeekdays
        self.closedMask = Location.mask(closedWeekdays)
        self.rates = rates
    }

    static func mask(_ days: Set<Weekday>) -> UInt8 { days.reduce(0) { $0 | UInt8(1 << $1.index) } }

    /// Whether the location is closed on `date`.
    public func isClosed(on date: LocalDate) -> Bool { closedMask & UInt8(1 << date.weekdayIndex) != 0 }

    /// The next day on or after `date` that the location is open (`date` itself when
    /// open); nil when that day would be after 9999-12-31 (or every weekday is closed).
    public func nextOpenDay(onOrAfter date: LocalDate) -> LocalDate? {
        var day = date
        // A card with every weekday closed is rejected at load; 7 steps always suffice.
        for _ in 0..<7 {
            if !isClosed(on: day) { return day }
            guard let next = day.checkedAdding(days: 1) else { return nil }
            day = next
        }
        return nil
    }
}

/// A treatable area (`[areas.ID]`) and its surcharge per session, in cents.
public struct Area: Sendable, Equatable {
    public var id: String
    public var name: String
    public var surcharge: Money
    public init(id: String, name: String, surcharge: Money) { self.id = id; self.name = name; self.surcharge = surcharge }
}

/// A discount for buying a series of at least `sessions` sessions (`[[series_discounts]]`).
public struct SeriesDiscount: Sendable, Equatable {
    public var sessions: Int
    public var percent: Percent
    public init(sessions: Int, percent: Percent) { self.sessions = sessions; self.percent = percent }
}

/// An add-on sold with a plan (`[addons.ID]`): numbing cream, serums, aftercare kits.
public struct Addon: Sendable, Equatable {
    /// Whether the price is charged once per session or once per package.
    public enum Per: String, Sendable { case session, package }
    public var id: String
    public var name: String
    public var price: Money
    public var per: Per
    public var taxable: Bool
    public init(id: String, name: String, price: Money, per: Per, taxable: Bool) {
        self.id = id; self.name = name; self.price = price; self.per = per; self.taxable = taxable
    }
}

/// A promotion code (`[promotions.CODE]`): a percentage or a fixed amount off the treatment.
public struct Promotion: Sendable, Equatable {
    /// What the promotion takes off.
    public enum Benefit: Sendable, Equatable {
        /// A percentage of the treatment after the series discount.
        case percent(Percent)
        /// A fixed amount, never more than the treatment after the series discount.
        case amount(Money)
    }
    /// The code in upper case; requests match it case-insensitively.
    public var code: String
    public var benefit: Benefit
    public var validFrom: LocalDate?
    public var validUntil: LocalDate?
    public var minSessions: Int?
    /// Location ids it is offered at; nil means every location.
    public var locations: [String]?

    public init(code: String, benefit: Benefit, validFrom: LocalDate? = nil, validUntil: LocalDate? = nil,
                minSessions: Int? = nil, locations: [String]? = nil) {
        self.code = code.uppercased()
        self.benefit = benefit
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.minSessions = minSessions
        self.locations = locations
    }
}
