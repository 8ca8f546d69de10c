import Pricing

/// The client's contact (a phone number or an e-mail address, free text), an optional
/// field of a quote saved from the web or the API (`client_contact`). It is not part of
/// the request SPEC section 3 describes and plays no part in pricing: the ledger keeps it
/// beside the quote (``ShareLinkStore/setClientContact(_:quote:)``) for the clinic's staff,
/// and no client document (PDF, workbook, client link page) shows it.
public enum ClientContact {
    /// The longest contact, in characters.
    public static let maxLength = 200

    /// `text` trimmed; nil for nothing typed.
    ///
    /// - Throws: ``PricingError/invalidRequest(field:value:reason:)`` naming
    ///   `client_contact` for a text over ``maxLength`` characters or holding a control
    ///   character (a line break included).
    public static func parse(_ text: String?) throws(PricingError) -> String? {
        guard let contact = text?.trimmingSpaces, !contact.isEmpty else { return nil }
        if contact.count > maxLength {
            throw .invalidRequest(field: "client_contact", value: String(contact.prefix(40)) + "…",
                                  reason: "is longer than \(maxLength) characters; give one phone number or e-mail address")
        }
        if contact.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalidRequest(field: "client_contact", value: contact,
                                  reason: "holds a control character or line break; write it on one line")
        }
        return contact
    }
}
