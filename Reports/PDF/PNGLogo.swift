import Platform
import CPangoCairo

/// The clinic's logo: a PNG file read whole (once per renderer, however many quotes it
/// draws) and decoded by cairo into an image surface.
final class PNGLogo {
    /// The most bytes a logo file may have (a letterhead logo is a few hundred kilobytes).
    static let maximumBytes = 16 << 20

    /// `cairo_surface_t *`, an image surface.
    let surface: OpaquePointer
    let pixelWidth: Double
    let pixelHeight: Double

    /// Reads and decodes the PNG at `path`.
    /// - Throws: ``ReportError/cannotRead(path:reason:)`` naming `path` when it cannot be
    ///   read (gone since the rate card was loaded, say), is too large, or is not a PNG
    ///   that cairo decodes; the reason says it is the clinic's logo (`[clinic] logo`).
    init(path: String) throws(ReportError) {
        let bytes = try PNGLogo.readFile(path)
        final class Cursor { var bytes: [UInt8]; var offset = 0; init(_ b: [UInt8]) { bytes = b } }
        let cursor = Cursor(bytes)
        let image = cairo_image_surface_create_from_png_stream({ closure, data, length in
            let c = Unmanaged<Cursor>.fromOpaque(closure!).takeUnretainedValue()
            let n = Int(length)
            guard let data, c.bytes.count - c.offset >= n else { return CAIRO_STATUS_READ_ERROR }
            c.bytes.withUnsafeBufferPointer { src in
                (data as UnsafeMutablePointer<UInt8>).update(from: src.baseAddress! + c.offset, count: n)
            }
            c.offset += n
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(cursor).toOpaque())!
        let status = cairo_surface_status(image)
        guard status == CAIRO_STATUS_SUCCESS, cairo_image_surface_get_width(image) > 0,
              cairo_image_surface_get_height(image) > 0 else {
            cairo_surface_destroy(image)
            throw .cannotRead(path: path, reason: "the clinic's logo ([clinic] logo in the rate card) is not a PNG image "
                              + "cairo can read (\(String(cString: cairo_status_to_string(status)))); save it as PNG again")
        }
        surface = image
        pixelWidth = Double(cairo_image_surface_get_width(image))
        pixelHeight = Double(cairo_image_surface_get_height(image))
    }

    deinit { cairo_surface_destroy(surface) }

    /// The file's bytes, with the system's reason when it cannot be read.
    static func readFile(_ path: String) throws(ReportError) -> [UInt8] {
        func failure(_ reason: String) -> ReportError {
            .cannotRead(path: path, reason: "the clinic's logo ([clinic] logo in the rate card): \(reason)")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(ReportError.systemMessage(errno)) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(ReportError.systemMessage(errno))
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<n])
            guard bytes.count <= maximumBytes else {
                throw failure("larger than \(maximumBytes >> 20) MiB; use a smaller image")
            }
        }
    }

    /// Draws the logo as large as fits in the box at (`x`, `y`), `width` x `height`
    /// points, keeping its proportions, at its top left corner; returns the size drawn.
    @discardableResult
    func draw(on cr: OpaquePointer, x: Double, y: Double, width: Double, height: Double) -> (width: Double, height: Double) {
        let scale = min(width / pixelWidth, height / pixelHeight)
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_scale(cr, scale, scale)
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD)
        cairo_rectangle(cr, 0, 0, pixelWidth, pixelHeight)
        cairo_fill(cr)
        cairo_restore(cr)
        return (pixelWidth * scale, pixelHeight * scale)
    }
}
