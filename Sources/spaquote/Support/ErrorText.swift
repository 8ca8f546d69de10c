import Pricing
import Reports

/// An error's message as the terminal shows it.
enum ErrorText {
    /// One line, every control character in it shown escaped, line feeds included: the
    /// file names, ids and values inside a message are data, and a line feed in one must
    /// not forge a line. The one message of several lines, an invalid rate card's list
    /// of problems, keeps one problem a line (each line made inert on its own).
    static func of(_ error: any Error) -> TerminalText {
        if let lines = problemLines(error) {
            return TerminalText(layout: lines.map { TerminalText.inert($0) }.joined(separator: "\n"))
        }
        return TerminalText(data: String(describing: error))
    }

    /// The lines of ``PricingError/rateCardInvalid(file:problems:)``: its heading, then
    /// `  FILE: problem` for each problem; nil for any other error, or if the message is
    /// not laid out that way (it is then shown as one line).
    static func problemLines(_ error: any Error) -> [String]? {
        guard case let .rateCardInvalid(file, problems)? = error as? PricingError, !problems.isEmpty else { return nil }
        let items = problems.map { "  \(file): \($0)" }
        let text = String(describing: error).unicodeScalars
        let tail = ("\n" + items.joined(separator: "\n")).unicodeScalars
        guard text.count > tail.count, text.suffix(tail.count).elementsEqual(tail) else { return nil }
        return [String(String.UnicodeScalarView(text.dropLast(tail.count)))] + items
    }
}
