import Pricing

/// Two quotes outputs written as one (``BatchRun/alsoOutputPath``): every quote goes to
/// both, in order; both are closed before either is committed, and an error discards both.
final class TeeQuoteSink: QuoteSink {
    private let first: QuoteSink
    private let second: QuoteSink

    init(_ first: QuoteSink, _ second: QuoteSink) {
        self.first = first
        self.second = second
    }

    func add(_ quote: Quote) throws(ReportError) {
        try first.add(quote)
        try second.add(quote)
    }

    func close() throws(ReportError) {
        try first.close()
        try second.close()   // on an error the batch discards both
    }

    func commit() throws(ReportError) {
        try first.commit()
        try second.commit()
    }

    func discard() {
        first.discard()
        second.discard()
    }

    /// The first output's problem with `quote`, else the second's.
    func problem(with quote: Quote) -> String? { first.problem(with: quote) ?? second.problem(with: quote) }
}
