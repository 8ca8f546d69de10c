/// One CSV record: its fields and the line of the input where it starts (1-based).
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// The line where the record starts.
    public var line: Int
    /// Whether any field held bytes that are not UTF-8 (they were replaced by U+FFFD).
    public var hasInvalidUTF8: Bool
    /// Whether any field held a NUL byte.
    public var hasNUL: Bool

    public init(fields: [String], line: Int, hasInvalidUTF8: Bool = false, hasNUL: Bool = false) {
        self.fields = fields
        self.line = line
        self.hasInvalidUTF8 = hasInvalidUTF8
        self.hasNUL = hasNUL
    }
}
