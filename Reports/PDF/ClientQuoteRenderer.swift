import Pricing

/// Draws client quotes as one-page PDFs for one clinic (or none): its logo is read once,
/// and its fonts are kept from one quote to the next. One renderer serves one thread at
/// a time; a batch keeps one per thread.
public final class ClientQuoteRenderer {
    public let clinic: ClinicDetails?
    private let logo: PNGLogo?
    private let typesetter = PDFTypesetter()
    private let paper: PaperSize

    /// A renderer for `clinic`'s quotes (nil: no letterhead, letter paper).
    /// - Throws: ``ReportError/cannotRead(path:reason:)`` when the clinic's logo cannot
    ///   be read or is not a PNG.
    public init(clinic: ClinicDetails?) throws(ReportError) {
        self.clinic = clinic
        logo = try clinic?.logoPath.map { path throws(ReportError) in try PNGLogo(path: path) }
        paper = PaperSize(clinic?.paper)
    }

    /// The PDF of `quote`, in memory. `displayPath` names the file in messages.
    /// - Throws: ``ReportError/pdf(path:reason:)`` when cairo fails or the quote does not
    ///   fit on one page.
    public func render(_ quote: Quote, displayPath: String) throws(ReportError) -> [UInt8] {
        let client = quote.request.client
        let metadata = PDFDocument.Metadata(
            title: "Treatment plan quote \(quote.quoteID)" + (client.isEmpty ? "" : " for \(client)"),
            author: clinic?.name ?? quote.locationName,
            subject: "Microneedling treatment plan at \(quote.locationName)",
            created: quote.quoteDate)
        let document = PDFDocument(paper: paper, metadata: metadata)
        let page = ClientQuotePage(canvas: PDFCanvas(cr: document.cr, typesetter: typesetter), quote: quote,
                                   clinic: clinic, logo: logo, paper: paper, displayPath: displayPath)
        try page.draw()
        return try document.finish(displayPath: displayPath)
    }

    /// Writes the PDF of `quote` to `path` atomically (a temporary file beside it, renamed
    /// over it once complete): an error leaves `path` as it was and no temporary file.
    public func write(_ quote: Quote, to path: String) throws(ReportError) {
        let bytes = try render(quote, displayPath: path)
        let file = try AtomicFile(destination: path)
        do {
            let out = try ByteSink(path: file.temporaryPath, displayPath: path)
            bytes.withUnsafeBufferPointer { out.write(bytes: $0) }
            try out.close()
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }
}
