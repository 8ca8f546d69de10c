import CPangoCairo

/// A text laid out by pango, ready to measure and draw (``PDFCanvas/layout(_:_:width:align:)``).
final class PDFText {
    /// `PangoLayout *`.
    let layout: OpaquePointer
    let color: PDFColor

    init(layout: OpaquePointer, color: PDFColor) {
        self.layout = layout
        self.color = color
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

    /// The logical size in points (the height of every line, the width of the widest).
    var size: (width: Double, height: Double) {
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        return (Double(w) / Double(PANGO_SCALE), Double(h) / Double(PANGO_SCALE))
    }

    var width: Double { size.width }
    var height: Double { size.height }
    var lineCount: Int { Int(pango_layout_get_line_count(layout)) }
}
