import ArgumentParser
import Pricing
import Reports

/// The request as the user typed it on the command line: its list syntax (commas, a
/// repeated `--addon`) checked here, and a refused request named by its flags.
extension QuoteCommand {
    /// The flag of each request field (SPEC section 3's names), for messages.
    static let flags = [
        "request_id": "--request-id", "client": "--client", "location": "--location", "tier": "--tier",
        "areas": "--areas", "sessions": "--sessions", "spacing_weeks": "--spacing-weeks", "start_date": "--start",
        "addons": "--addon", "promo": "--promo", "quote_date": "--date", "status": "--status",
        "accepted_on": "--accepted-on",
    ]

    /// `--areas` is a comma-separated list, and `--addon` one id each: an empty item is
    /// a usage error, named as typed (the request parser would speak of `;`).
    func validate() throws {
        if areas.split(separator: ",", omittingEmptySubsequences: false).contains(where: { $0.trimmingSpaces.isEmpty }) {
            // The value is quoted as typed; the message is made inert when written (Spaquote.finish).
            throw ValidationError("--areas '\(areas)' has an empty item; separate area ids with single commas, for example face,neck")
        }
        if addons.contains(where: { $0.trimmingSpaces.isEmpty }) {
            throw ValidationError("--addon needs an add-on id; an empty one was given")
        }
    }

    /// The message for a refused request: the flag and the value as typed, and why.
    func rejection(_ error: PricingError) -> TerminalText {
        guard case let .invalidRequest(field, value, reason) = error, let flag = Self.flags[field] else {
            return "request rejected: \(ErrorText.of(error))"
        }
        let typed: TerminalText
        switch field {
        case "areas": typed = "\(flag) '\(areas)'"
        case "addons": typed = TerminalText(layout: addons.map { "\(flag) '\(TerminalText.inert($0))'" }.joined(separator: " "))
        default: typed = "\(flag) '\(value)'"
        }
        return "request rejected: \(typed): \(reason)"
    }
}
