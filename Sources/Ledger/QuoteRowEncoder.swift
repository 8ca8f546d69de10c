/// Where a store's row is built: the values of ``QuoteColumns/all`` arrive in that order,
/// one call each. A backend implements it over its own statement or COPY buffer; the
/// values themselves come from ``QuoteRow/encode(into:)`` only.
public protocol QuoteRowEncoder {
    /// A whole number.
    mutating func int(_ value: Int64)
    /// NULL.
    mutating func null()
    /// Text.
    mutating func text(_ value: String)
    /// Text built as UTF-8 bytes by `build` (appending to the array it is given), so that
    /// lists and dates need no intermediate string.
    mutating func text(_ build: (inout [UInt8]) -> Void)
    /// The `source` column: the source's stored name (a store may map it to a key of its own table).
    mutating func source(_ name: String)
}
