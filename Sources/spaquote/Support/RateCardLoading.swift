import ArgumentParser
import Pricing

/// Loads the rate card at `path` (the parser tried in a child process first:
/// ``ParserInChildProcess``), or ends the command with its problems on stderr.
/// `argument` is how the user gave the path (`--pricing`, `pricing validate`): a card that
/// cannot be read is named by it, since the library's message speaks only of the file.
func loadRateCard(_ path: String, argument: String = "--pricing") throws -> RateCard {
    do {
        return try RateCard.load(path: path, isolation: ParserInChildProcess())
    } catch let .rateCardUnreadable(file, reason) {
        throw fail(PricingError.rateCardUnreadable(file: file, reason: "\(reason) (the file given to \(argument))"))
    } catch {
        throw fail(error)
    }
}
