import CPangoCairo

extension PDFCanvas {
    /// Sets `text` on `layout` (all of it: a NUL character does not end it).
    static func setText(_ text: String, on layout: OpaquePointer) {
        var t = text
        t.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { pango_layout_set_text(layout, $0.baseAddress, Int32(buf.count)) }
        }
    }
}
