import CPangoCairo
import Pricing

/// A one-page PDF drawn in memory with cairo: a PDF surface whose bytes go to a buffer
/// (a client quote is tens of kilobytes), with metadata that makes the same drawing the
/// same bytes (the creation date is given, never the clock).
final class PDFDocument {
    /// What the document's information dictionary says.
    struct Metadata {
        var title: String
        var author: String
        var subject: String
        /// The creation (and modification) date: written `YYYY-MM-DDT00:00:00Z`.
        var created: LocalDate
    }

    /// The bytes cairo has written so far.
    private final class Buffer { var bytes: [UInt8] = [] }

    let paper: PaperSize
    /// The drawing context (`cairo_t *`).
    let cr: OpaquePointer
    private let surface: OpaquePointer
    private let buffer = Buffer()
    private var finished = false

    /// Starts a document of one `paper`-sized page.
    init(paper: PaperSize, metadata: Metadata) {
        self.paper = paper
        buffer.bytes.reserveCapacity(1 << 16)
        let closure = Unmanaged.passUnretained(buffer).toOpaque()
        surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let buffer = Unmanaged<Buffer>.fromOpaque(closure).takeUnretainedValue()
            buffer.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, closure, paper.width, paper.height)
        let date = metadata.created.description + "T00:00:00Z"
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, metadata.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "spaquote")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date)
        cr = cairo_create(surface)
    }

    /// Ends the page and the document and returns its bytes.
    /// - Throws: ``ReportError/pdf(path:reason:)`` naming `displayPath` with cairo's
    ///   message when any drawing or the writing failed.
    func finish(displayPath: String) throws(ReportError) -> [UInt8] {
        precondition(!finished, "a PDF document is finished once")
        finished = true
        let drawing = cairo_status(cr)
        cairo_show_page(cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let writing = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        for status in [drawing, writing] where status != CAIRO_STATUS_SUCCESS {
            throw .pdf(path: displayPath, reason: "cairo: " + String(cString: cairo_status_to_string(status)))
        }
        return buffer.bytes
    }

    deinit {
        guard !finished else { return }
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }
}
