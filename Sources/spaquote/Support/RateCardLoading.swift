import ArgumentParser
import Pricing

/// Loads the rate card at `path`, or ends the command with its problems on stderr.
/// `argument` is how the user gave the path (`--pricing`, `pricing validate`), for the
/// advice of a card that cannot be read.
func loadRateCard(_ path: String, argument: String = "--pricing") throws -> RateCard {
    do {
        return try RateCard.load(path: path)
    } catch let .rateCardUnreadable(file, reason) where argument != "--pricing" {
        // The library's advice names --pricing; here the path came from `argument`.
        throw fail(PricingError.rateCardUnreadable(
            file: file, reason: reason.replacing("--pricing", with: argument)))
    } catch {
        throw fail(error)
    }
}
