import Foundation
@testable import Pricing

/// Paths of test fixtures and example files, found from this source file.
enum Fixture {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ name: String) -> String { testsFolder.appendingPathComponent("Fixtures/\(name)").path }
    static var examplesCard: RateCard { try! RateCard.load(path: packageRoot.appendingPathComponent("Examples/pricing.toml").path) }
    static var baseCard: RateCard { try! RateCard.load(path: path("base.toml")) }
    static func text(_ name: String) -> String { try! String(contentsOfFile: path(name), encoding: .utf8) }
}

func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }
func cents(_ text: String) -> Money { try! Money.parse(text).get() }
