import Foundation
import Testing

/// The rate card's `[clinic]` on the PDF client quote, from the command line: `quote`,
/// `batch --client-quotes` and `ledger show --output` (issue 13).
@Suite("Client quote PDF with the clinic's details, end to end")
struct ClientQuotePDFClinicTests {
    /// The text `pdftotext -layout` reads from `path`.
    static func text(_ path: String) throws -> String {
        let out = Binary.temporaryFolder() + "/text.txt"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = ["-layout", path, out]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "pdftotext \(path)")
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    /// `pdfinfo`'s "Page size" and "Pages" lines.
    static func info(_ path: String) throws -> String {
        let p = Process(), pipe = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdfinfo")
        p.arguments = [path]
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return out
    }

    static let clinicLines = ["Lumen Skin Clinic", "215 Harbor Street, Suite 4", "Portland, OR 97204", "(503) 555-0142"]

    @Test("quote --output q.pdf prints the card's letterhead and terms on the clinic's paper", arguments: ["letter", "a4"])
    func letterhead(paper: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let card = try ClinicDetailsTests.card(in: folder) { $0.replacingOccurrences(of: "paper = \"letter\"", with: "paper = \"\(paper)\"") }
        let r = try Binary.run(ClinicDetailsTests.quoteArguments(ClinicDetailsTests.example, card: card) + ["--output", folder + "/q.pdf"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try Self.text(folder + "/q.pdf")
        for line in Self.clinicLines { #expect(text.contains(line), "\(line) in \(text)") }
        #expect(text.contains("TERMS"), "\(text)")
        let info = try Self.info(folder + "/q.pdf")
        #expect(info.contains(paper == "a4" ? "595 x 842" : "612 x 792"), "\(info)")
        #expect(info.contains("Pages:           1"), "\(info)")
    }

    @Test("batch --client-quotes: every PDF carries the clinic's letterhead")
    func batchLetterhead() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/pdf", withIntermediateDirectories: false)
        let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"), "--output", "q.csv",
                                "--client-quotes", "pdf", "--date", "2026-11-01"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let pdfs = ClinicDetailsTests.names(folder + "/pdf")
        #expect(pdfs.count == 5)
        for name in pdfs { #expect(try Self.text(folder + "/pdf/" + name).contains("Lumen Skin Clinic"), "\(name)") }
    }

    @Test("ledger show --output q.pdf of a quote saved under an older card prints the figures as saved, the letterhead from --pricing")
    func ledgerShowAsSaved() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite", old = try ClinicDetailsTests.card(in: folder)
        let saved = try Binary.run(ClinicDetailsTests.quoteArguments(ClinicDetailsTests.example, card: old)
                                   + ["--save", "--ledger", ledger, "--output", folder + "/issued.pdf"])
        #expect(saved.status == 0, "\(saved.stderr)")
        let newCard = folder + "/new.toml"
        try String(contentsOfFile: old, encoding: .utf8)
            .replacingOccurrences(of: "physician = 495", with: "physician = 520")
            .replacingOccurrences(of: "surcharge = 175", with: "surcharge = 190")
            .replacingOccurrences(of: "name = \"Lumen Skin Clinic\"", with: "name = \"Lumen Skin & Laser\"")
            .write(toFile: newCard, atomically: true, encoding: .utf8)
        let shown = try Binary.run(["ledger", "show", "Q-2026-000001", "--ledger", ledger, "--pricing", newCard, "--output", folder + "/s.pdf"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let issued = try Self.text(folder + "/issued.pdf"), again = try Self.text(folder + "/s.pdf")
        #expect(again.contains("Lumen Skin & Laser") && !again.contains("Lumen Skin Clinic"), "the letterhead comes from --pricing")
        #expect(again.contains("3,630.00"), "\(again)")
        let withoutName = { (t: String) in t.split(separator: "\n").filter { !$0.contains("Lumen Skin") } }
        #expect(withoutName(again) == withoutName(issued), "every figure, date and line as issued")
        // With the card it was saved under: the same bytes as issued.
        let same = try Binary.run(["ledger", "show", "Q-2026-000001", "--ledger", ledger, "--pricing", old, "--output", folder + "/same.pdf"])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(FileManager.default.contents(atPath: folder + "/same.pdf") == FileManager.default.contents(atPath: folder + "/issued.pdf"))
    }
}
