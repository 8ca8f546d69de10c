import CPangoCairo

/// Drawing on a PDF page: text through pango layouts (wrapped, aligned, any script,
/// right to left where the text is), rules, bands and images. Coordinates are in points
/// from the top left corner of the page.
final class PDFCanvas {
    enum Alignment { case left, right, center }

    let cr: OpaquePointer
    private let pango: OpaquePointer
    /// One font description per style, by the style's raw value.
    private let fonts: [OpaquePointer]

    init(cr: OpaquePointer, typesetter: PDFTypesetter) {
        self.cr = cr
        pango = typesetter.context(drawingOn: cr)
        fonts = PDFTextStyle.allCases.map { pango_font_description_from_string($0.fontName) }
    }

    deinit {
        fonts.forEach { pango_font_description_free($0) }
        g_object_unref(UnsafeMutableRawPointer(pango))
    }

    /// `text` laid out in `style`, wrapped at `width` points (nil: one line, as long as
    /// it is), aligned within that width; at most `maxLines` lines, the last ending in an
    /// ellipsis when the text is longer (a client's name of hundreds of characters).
    func layout(_ text: String, _ style: PDFTextStyle, width: Double? = nil, align: Alignment = .left,
                maxLines: Int? = nil) -> PDFText {
        let layout = pango_layout_new(pango)!
        PDFCanvas.setFont(fonts[style.rawValue], for: text, on: layout)
        // The paragraph keeps the alignment asked for; right-to-left runs are still set right to left.
        pango_layout_set_auto_dir(layout, 0)
        if let width {
            pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            if let maxLines {
                pango_layout_set_height(layout, -Int32(maxLines))
                pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
            }
        }
        switch align {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        }
        PDFCanvas.setText(text, on: layout)
        return PDFText(layout: layout, color: style.color)
    }

    /// Draws `text` with its top left corner at (`x`, `y`) and returns its height.
    @discardableResult
    func draw(_ text: String, _ style: PDFTextStyle, x: Double, y: Double, width: Double? = nil,
              align: Alignment = .left, maxLines: Int? = nil) -> Double {
        let t = layout(text, style, width: width, align: align, maxLines: maxLines)
        draw(t, x: x, y: y)
        return t.height
    }

    /// Draws `text` on one line ending at `rightEdge` (an amount: never wrapped, however
    /// long); returns its width.
    @discardableResult
    func drawRightAligned(_ text: String, _ style: PDFTextStyle, rightEdge: Double, y: Double) -> Double {
        let t = layout(text, style)
        let w = t.width
        draw(t, x: rightEdge - w, y: y)
        return w
    }

    /// Draws a laid-out text with its top left corner at (`x`, `y`).
    func draw(_ text: PDFText, x: Double, y: Double) {
        fill(text.color)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, text.layout)
    }

    /// A horizontal rule `weight` points thick from `x` to `x + width` at `y`.
    func rule(x: Double, y: Double, width: Double, weight: Double = 0.5, color: PDFColor = .rule) {
        fill(color)
        cairo_set_line_width(cr, weight)
        cairo_move_to(cr, x, y)
        cairo_line_to(cr, x + width, y)
        cairo_stroke(cr)
    }

    /// A filled rectangle.
    func band(x: Double, y: Double, width: Double, height: Double, color: PDFColor = .band) {
        fill(color)
        cairo_rectangle(cr, x, y, width, height)
        cairo_fill(cr)
    }

    private func fill(_ c: PDFColor) { cairo_set_source_rgb(cr, c.red, c.green, c.blue) }
}
