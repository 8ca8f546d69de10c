import Pricing

/// A saved quote's client link, as the ledger keeps it: one per quote at most. The link
/// is `/c/TOKEN` with a random token of at least 128 bits; the ledger keeps only the
/// token's SHA-256 (``tokenHash``), as it keeps API tokens and session ids, so a copy of
/// the ledger opens no link and the full link can be shown only when it is made.
/// Making a new link for a quote replaces its token (the old link stops working) and
/// clears a revocation, but keeps a recorded acceptance.
///
/// Times are Unix seconds given by the caller (the server's clock): the ledger reads none.
public struct ShareLink: Sendable, Equatable {
    /// The quote the link shows.
    public var quote: QuoteNumber
    /// SHA-256 (lowercase hex) of the link's token.
    public var tokenHash: String
    /// When the current token was made, Unix seconds.
    public var created: Int64
    /// When a manager revoked it, Unix seconds; nil while it is not revoked.
    public var revoked: Int64?
    /// The client's acceptance through a link of this quote, if any.
    public var acceptance: LinkAcceptance?

    public init(quote: QuoteNumber, tokenHash: String, created: Int64, revoked: Int64? = nil, acceptance: LinkAcceptance? = nil) {
        self.quote = quote; self.tokenHash = tokenHash; self.created = created
        self.revoked = revoked; self.acceptance = acceptance
    }
}

/// What a client's acceptance through the link records: when (the server's clock), the
/// name they typed (as typed, trimmed; it need not equal the quote's client name: staff
/// see both), and the fingerprint of the quote's content they accepted (the SHA-256 hex of
/// the quote's JSON as ``QuoteFingerprint`` defines it).
public struct LinkAcceptance: Sendable, Equatable {
    /// Unix seconds.
    public var time: Int64
    /// The name the client typed: 1 to ``maxNameLength`` characters, trimmed.
    public var name: String
    /// The quote's content fingerprint (64 lowercase hex digits).
    public var fingerprint: String

    public init(time: Int64, name: String, fingerprint: String) {
        self.time = time; self.name = name; self.fingerprint = fingerprint
    }

    /// The longest name a client may type, in characters.
    public static let maxNameLength = 100

    /// The typed `text` trimmed of spaces and line breaks, or the refusal (field `name`)
    /// when it is empty, longer than ``maxNameLength`` characters or holds a control character.
    public static func name(_ text: String) throws(PricingError) -> String {
        let name = text.trimmingSpaces
        if name.isEmpty { throw .invalidRequest(field: "name", value: text, reason: "is required; type your name to accept") }
        if name.count > maxNameLength {
            throw .invalidRequest(field: "name", value: String(name.prefix(40)) + "…", reason: "is longer than \(maxNameLength) characters")
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalidRequest(field: "name", value: name, reason: "holds a control character; type your name only")
        }
        return name
    }
}

extension String {
    /// Without leading and trailing white space (spaces, tabs, line breaks).
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
