/// The clinic's details printed on client quotes (the rate card's optional `[clinic]`
/// table, SPEC section 2): letterhead, contact, terms and paper size.
public struct ClinicDetails: Sendable, Equatable {
    /// The paper a client quote is laid out for (`paper = "letter" | "a4"`).
    public enum Paper: String, Sendable, CaseIterable {
        /// US Letter, 8.5 x 11 in (612 x 792 points): the default.
        case letter
        /// ISO A4, 210 x 297 mm (595.28 x 841.89 points, written 595 x 842).
        case a4
    }

    /// The clinic's name, the letterhead's first line.
    public var name: String
    /// The postal address, one entry a line (may be empty).
    public var address: [String]
    public var phone: String?
    public var email: String?
    public var website: String?
    /// A paragraph printed at the foot of the quote.
    public var terms: String?
    /// The logo, a PNG file: its path as resolved against the rate card's folder.
    public var logoPath: String?
    public var paper: Paper

    public init(name: String, address: [String] = [], phone: String? = nil, email: String? = nil,
                website: String? = nil, terms: String? = nil, logoPath: String? = nil, paper: Paper = .letter) {
        self.name = name
        self.address = address
        self.phone = phone
        self.email = email
        self.website = website
        self.terms = terms
        self.logoPath = logoPath
        self.paper = paper
    }
}
