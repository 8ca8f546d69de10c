import Foundation
import Pricing
import Reports
import Testing

@Suite("Client quote PDF: bad input is a clear error and nothing partial")
struct ClientQuotePDFErrorTests {
    /// The names in `folder`, hidden ones included.
    static func contents(_ folder: String) -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] }

    @Test("an output folder that does not exist", arguments: ["missing/quote.pdf", "missing/deeper/q.pdf"])
    func missingFolder(relative: String) throws {
        let folder = try PDFFixture.folder()
        let path = folder + "/" + relative
        #expect {
            try ClientQuotePDF.write(try PDFFixture.quote(client: "Ana"), clinic: nil, to: path)
        } throws: { error in
            guard case let .cannotWrite(p, reason)? = error as? ReportError else { return false }
            return p == path && reason.contains("No such file or directory")
        }
        #expect(Self.contents(folder).isEmpty)
    }

    @Test("a logo that vanished after the rate card was loaded, or is not a PNG",
          arguments: ["vanished", "text", "truncated"])
    func badLogo(kind: String) throws {
        let folder = try PDFFixture.folder()
        let logo = folder + "/logo.png"
        try PDFFixture.writeLogo(to: logo)
        switch kind {
        case "vanished": try FileManager.default.removeItem(atPath: logo)
        case "text": try Data("not a picture".utf8).write(to: URL(fileURLWithPath: logo))
        default:
            let bytes = try Data(contentsOf: URL(fileURLWithPath: logo))
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: logo))
        }
        let out = folder + "/quote.pdf"
        #expect {
            try ClientQuotePDF.write(try PDFFixture.quote(client: "Ana"), clinic: PDFFixture.clinic(logoPath: logo), to: out)
        } throws: { error in
            guard case let .cannotRead(p, reason)? = error as? ReportError else { return false }
            return p == logo && reason.contains("[clinic] logo") && "\(error)".hasPrefix(logo + ": cannot read")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(Self.contents(folder).allSatisfy { $0 == "logo.png" })
    }

    @Test("terms too long for one page are refused by name, and the old file stays",
          arguments: [30, 60])
    func termsTooLong(repeats: Int) throws {
        let folder = try PDFFixture.folder()
        let out = folder + "/quote.pdf"
        try Data("old".utf8).write(to: URL(fileURLWithPath: out))
        var clinic = PDFFixture.clinic(logoPath: nil)
        clinic.terms = String(repeating: PDFFixture.terms + " ", count: repeats)
        #expect {
            try ClientQuotePDF.write(try PDFFixture.largestQuote(), clinic: clinic, to: out)
        } throws: { error in
            guard case let .pdf(p, reason)? = error as? ReportError else { return false }
            return p == out && reason.contains("does not fit on one page") && reason.contains("[clinic] terms")
        }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old")
        #expect(Self.contents(folder) == ["quote.pdf"])
    }
}
