import Foundation
import Pricing
import Reports
import Testing

@Suite("Client quote PDF")
struct ClientQuotePDFTests {
    @Test("the largest plan is written", arguments: ClinicDetails.Paper.allCases)
    func largest(paper: ClinicDetails.Paper) throws {
        let folder = try PDFFixture.folder()
        let logo = folder + "/logo.png"
        try PDFFixture.writeLogo(to: logo)
        let path = "/tmp/pdfwork/largest-\(paper).pdf"
        try ClientQuotePDF.write(try PDFFixture.largestQuote(), clinic: PDFFixture.clinic(logoPath: logo, paper: paper), to: path)
        #expect(try Poppler.info(path)["Pages"] == "1")
    }
}
