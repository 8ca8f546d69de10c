/// One CSV record: its fields and the line of the input where it starts (1-based).
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// The line where the record starts.
    public var line: Int
    /// Whether any field held a NUL byte.
    public var hasNUL: Bool
    /// Whether any field holds U+FFFD, the replacement character: text lost before the
    /// file reached spaquote (a rejects file of an older spaquote, a bad conversion).
    public var hasReplacementCharacter: Bool

    public init(fields: [String], line: Int, hasNUL: Bool = false, hasReplacementCharacter: Bool = false) {
        self.fields = fields
        self.line = line
        self.hasNUL = hasNUL
        self.hasReplacementCharacter = hasReplacementCharacter
    }

    /// Whether the record is a blank line: every field empty or spaces and tabs only
    /// (`,,,` or `  ` or a tab, as spreadsheets write them). SPEC section 5 skips these.
    public var isBlank: Bool {
        for field in fields where !field.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return false }
        return true
    }
}
