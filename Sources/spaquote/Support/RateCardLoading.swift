import ArgumentParser
import Pricing

/// Loads the rate card at `path`, or ends the command with its problems on stderr.
func loadRateCard(_ path: String) throws -> RateCard {
    do {
        return try RateCard.load(path: path)
    } catch {
        throw fail(error)
    }
}
