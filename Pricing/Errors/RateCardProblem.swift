/// One thing wrong with a rate card: where (`locations.uptown.rates.senior`), what was
/// found, and what to do about it.
public struct RateCardProblem: Sendable, Equatable, CustomStringConvertible {
    /// Dotted key path inside the file; empty for the whole file.
    public var keyPath: String
    /// What is wrong and how to fix it.
    public var message: String

    public init(keyPath: String, message: String) {
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String { keyPath.isEmpty ? message : "\(keyPath): \(message)" }
}
