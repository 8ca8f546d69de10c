import Foundation
import Testing
@testable import Pricing

@Suite("Loading the rate card's [clinic] table")
struct ClinicDetailsLoadingTests {
    @Test("every key of [clinic] loads, the logo resolved against the card's folder")
    func everyKey() throws {
        let card = try RateCard.load(path: Fixture.path("clinic.toml"))
        let clinic = try #require(card.clinic)
        #expect(clinic.name == "Fixture Clinic")
        #expect(clinic.address == ["1 Main Street", "Suite 2", "Springfield, ST 00001", "Country"])
        #expect(clinic.phone == "+1 555 0100")
        #expect(clinic.email == "desk@clinic.example")
        #expect(clinic.website == "clinic.example")
        #expect(clinic.terms == "Valid for 30 days.")
        #expect(clinic.logoPath == Fixture.path("logo.png"))
        #expect(clinic.paper == .a4)
    }

    @Test("the example rate card has a clinic with a logo that is a PNG")
    func example() throws {
        let clinic = try #require(Fixture.examplesCard.clinic)
        #expect(clinic.name == "Lumen Skin Clinic")
        #expect(clinic.paper == .letter)
        let logo = try #require(clinic.logoPath)
        #expect(logo.hasSuffix("Examples/clinic-logo.png"))
        let bytes = try #require(FileManager.default.contents(atPath: logo))
        #expect(bytes.count < 10_000)
        #expect(try PNGHeader.parse(bytes).get() == PNGHeader(width: 96, height: 96))
    }

    @Test("a card without [clinic] has none; a [clinic] with only a name takes the defaults")
    func defaults() throws {
        #expect(Fixture.baseCard.clinic == nil)
        let card = try RateCard.parse(toml: Fixture.text("base.toml") + "\n[clinic]\nname = \"Only a name\"\nphone = \"\"\n", file: "t.toml")
        #expect(card.clinic == ClinicDetails(name: "Only a name"))
        #expect(card.clinic?.paper == .letter && card.clinic?.address == [] && card.clinic?.logoPath == nil)
        #expect(card.clinic?.phone == nil, "an optional key given as \"\" counts as absent")
    }

    @Test("each broken [clinic] table names the file, the key path and what is wrong", arguments: [
        ("clinic-missing-logo", "clinic.logo", "no-such-logo.png does not exist"),
        ("clinic-logo-not-png", "clinic.logo", "is not a PNG image: it does not start with the PNG signature"),
        ("clinic-logo-zero-width", "clinic.logo", "0 x 2 pixel image"),
        ("clinic-logo-truncated", "clinic.logo", "no IHDR header"),
        ("clinic-logo-folder", "clinic.logo", "is not a regular file"),
        ("clinic-address-wrong-type", "clinic.address[2]", "expected a string in quotes, found the whole number 2"),
        ("clinic-address-not-list", "clinic.address", "expected a list of strings"),
        ("clinic-name-wrong-type", "clinic.name", "expected a string in quotes, found the whole number 42"),
        ("clinic-name-missing", "clinic.name", "missing required key"),
        ("clinic-unknown-key", "clinic.fax", "unknown key"),
        ("clinic-bad-paper", "clinic.paper", "\"legal\" is not a paper size; write \"letter\" or \"a4\""),
        ("clinic-paper-wrong-type", "clinic.paper", "expected a string in quotes, found the whole number 4"),
        ("clinic-too-many-lines", "clinic.address", "has 5 lines, more than the 4"),
        ("clinic-terms-too-long", "clinic.terms", "has 1201 characters, more than the 1200"),
        ("clinic-control-character", "clinic.phone", "control character U+000A"),
        ("clinic-not-table", "clinic", "expected a table, found the string \"Fixture Clinic\""),
        ("clinic-logo-control-character", "clinic.logo", "control character U+001B"),
    ])
    func broken(name: String, keyPath: String, message: String) {
        let path = Fixture.path("broken/\(name).toml")
        #expect {
            try RateCard.load(path: path)
        } throws: { error in
            guard case let PricingError.rateCardInvalid(file, problems) = error else { return false }
            let text = "\(error)"
            return file == path && problems.contains { $0.keyPath == keyPath && $0.message.contains(message) }
                && text.contains(path) && text.contains("\(keyPath): ")
        }
    }

    @Test("a text one character over its limit is refused naming the key, one at the limit loads", arguments: [
        ("name", 60), ("phone", 80), ("email", 80), ("website", 80), ("terms", 1_200),
    ])
    func lengthLimits(key: String, limit: Int) throws {
        func card(_ length: Int) -> String {
            let name = key == "name" ? "" : "name = \"C\"\n"
            return Fixture.text("base.toml") + "\n[clinic]\n\(name)\(key) = \"\(String(repeating: "é", count: length))\"\n"
        }
        #expect(try RateCard.parse(toml: card(limit), file: "t.toml").clinic != nil)
        #expect {
            try RateCard.parse(toml: card(limit + 1), file: "t.toml")
        } throws: { error in
            guard case let PricingError.rateCardInvalid(_, problems) = error else { return false }
            return problems.map(\.keyPath) == ["clinic.\(key)"] && "\(error)".contains("has \(limit + 1) characters, more than the \(limit)")
        }
    }

    @Test("parse(toml:file:) resolves a relative logo against the folder of `file`, an absolute one as is", arguments: [
        ("logo.png", Fixture.path("clinic.toml"), Fixture.path("logo.png")),
        (Fixture.path("logo.png"), "nowhere/card.toml", Fixture.path("logo.png")),
        ("Fixtures/logo.png", Fixture.testsFolder.path + "/card.toml", Fixture.path("logo.png")),
    ])
    func relativeLogo(logo: String, file: String, resolved: String) throws {
        let text = Fixture.text("base.toml") + "\n[clinic]\nname = \"C\"\nlogo = \"\(logo)\"\n"
        #expect(try RateCard.parse(toml: text, file: file).clinic?.logoPath == resolved)
    }

    @Test("a relative logo given with a file name of no folder is looked for in the working directory")
    func noFolder() {
        let text = Fixture.text("base.toml") + "\n[clinic]\nname = \"C\"\nlogo = \"spaquote-no-such-logo.png\"\n"
        #expect(ClinicDetails.folder(of: "card.toml") == "" && ClinicDetails.folder(of: "/card.toml") == "/")
        #expect {
            try RateCard.parse(toml: text, file: "card.toml")
        } throws: { error in
            guard case let PricingError.rateCardInvalid(_, problems) = error else { return false }
            return problems.map(\.keyPath) == ["clinic.logo"] && "\(error)".contains("spaquote-no-such-logo.png does not exist")
        }
    }

    @Test("the card's contentHash covers the TOML text only, not the logo's bytes")
    func hashIgnoresLogo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("clinic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Fixture.path("clinic.toml"), toPath: folder + "/card.toml")
        try FileManager.default.copyItem(atPath: Fixture.path("logo.png"), toPath: folder + "/logo.png")
        let before = try RateCard.load(path: folder + "/card.toml").contentHash
        try FileManager.default.removeItem(atPath: folder + "/logo.png")
        try FileManager.default.copyItem(atPath: Fixture.packageRoot.path + "/Examples/clinic-logo.png", toPath: folder + "/logo.png")
        #expect(try RateCard.load(path: folder + "/card.toml").contentHash == before)
        #expect(!before.isEmpty && before != Fixture.baseCard.contentHash)
    }

    @Test("a clinic problem is reported together with the card's other problems")
    func withOtherProblems() {
        let text = Fixture.text("base.toml").replacingOccurrences(of: "version = \"T1\"\n", with: "")
            + "\n[clinic]\nname = \"C\"\npaper = \"legal\"\naddress = [1]\n"
        #expect {
            try RateCard.parse(toml: text, file: "t.toml")
        } throws: { error in
            guard case let PricingError.rateCardInvalid(_, problems) = error else { return false }
            return Set(problems.map(\.keyPath)) == ["version", "clinic.paper", "clinic.address[1]"]
        }
    }
}

@Suite("Reading a PNG's header")
struct PNGHeaderTests {
    static func png(width: UInt32, height: UInt32, length: UInt32 = 13, type: String = "IHDR") -> [UInt8] {
        let be = { (n: UInt32) in [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] }
        return PNGHeader.signature + be(length) + Array(type.utf8) + be(width) + be(height) + [8, 6, 0, 0, 0] + [0, 0, 0, 0]
    }

    @Test("a header with a width and height from 1 to 2^31 - 1 is read", arguments: [(1, 1), (96, 96), (2_147_483_647, 3)])
    func valid(width: UInt32, height: UInt32) throws {
        #expect(try PNGHeader.parse(Self.png(width: width, height: height)).get() == PNGHeader(width: Int(width), height: Int(height)))
    }

    @Test("bytes that are not a PNG's start are refused with the reason", arguments: [
        ([UInt8](), PNGHeader.Problem.noSignature),
        (Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8), .noSignature),
        (Array(PNGHeaderTests.png(width: 1, height: 1).dropFirst()), .noSignature),
        (Array(PNGHeaderTests.png(width: 1, height: 1).prefix(20)), .noHeaderChunk),
        (PNGHeaderTests.png(width: 1, height: 1, type: "IDAT"), .noHeaderChunk),
        (PNGHeaderTests.png(width: 1, height: 1, length: 12), .noHeaderChunk),
        (PNGHeaderTests.png(width: 0, height: 5), .emptyImage(width: 0, height: 5)),
        (PNGHeaderTests.png(width: 5, height: 0), .emptyImage(width: 5, height: 0)),
        (PNGHeaderTests.png(width: 0x8000_0000, height: 5), .emptyImage(width: 0x8000_0000, height: 5)),
    ])
    func invalid(bytes: [UInt8], problem: PNGHeader.Problem) {
        #expect(PNGHeader.parse(bytes) == .failure(problem))
    }
}
