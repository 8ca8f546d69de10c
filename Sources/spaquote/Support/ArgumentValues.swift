import ArgumentParser
import Pricing

// Typed option values: ArgumentParser parses them, and a bad value is a usage error
// (exit status 64) naming the option as the user typed it, with its help line.

/// `YYYY-MM-DD`.
extension LocalDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

/// `YYYY-MM`.
extension YearMonth: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

/// `quoted`, `accepted` or `declined`, in any case.
extension QuoteStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
