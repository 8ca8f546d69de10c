import ArgumentParser
import Pricing
import Platform
import Reports

/// `spaquote pricing validate|show FILE`.
struct PricingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricing",
        abstract: "Check a rate card, or show its price grid.",
        subcommands: [Validate.self, Show.self, TryParse.self]
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

    /// Not for users: what ``ParserInChildProcess`` starts. Parses the TOML text on standard
    /// input with TOMLKit's parser and ends normally, unless the parser aborts the process.
    struct TryParse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "try-parse", abstract: "Parse TOML from standard input (used by spaquote itself).",
            shouldDisplay: false)
        func run() throws {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                bytes += chunk[0..<n]
            }
            TOMLParserProbe.parse(String(decoding: bytes, as: UTF8.self))
        }
    }
}
