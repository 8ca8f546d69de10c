import ArgumentParser
import Pricing
import Reports

/// `spaquote pricing validate|show FILE`.
struct PricingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricing",
        abstract: "Check a rate card, or show its price grid.",
        subcommands: [Validate.self, Show.self]
    )

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a rate card: a one-line summary, or every problem and exit status 1.")
        @Argument(help: "The rate card (TOML).") var file: String
        func run() throws {
            let card = try loadRateCard(file, argument: "pricing validate")
            Terminal.write(RateCardGrid.summary(card, file: file) + "\n")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the per-session prices by location and tier, surcharges, discounts, add-ons and promotions.")
        @Argument(help: "The rate card (TOML).") var file: String
        func run() throws {
            Terminal.write(RateCardGrid.render(try loadRateCard(file, argument: "pricing show")))
        }
    }
}
