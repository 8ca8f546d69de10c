import CPangoCairo

extension PDFCanvas {
    /// Sets `font` on `layout`; for text with Chinese, Japanese or Korean characters, with
    /// the Noto Sans CJK faces after its family and the text's language
    /// (``PDFScriptHint``), so that the environment chooses neither.
    static func setFont(_ font: OpaquePointer, for text: String, on layout: OpaquePointer) {
        let hint = PDFScriptHint(text)
        guard let language = hint.language else {
            pango_layout_set_font_description(layout, font)
            return
        }
        let withFallback = pango_font_description_copy(font)!
        let family = String(cString: pango_font_description_get_family(font)) + "," + hint.fallbackFamilies
        pango_font_description_set_family(withFallback, family)
        pango_layout_set_font_description(layout, withFallback)
        pango_font_description_free(withFallback)
        let attributes = pango_attr_list_new()
        pango_attr_list_insert(attributes, pango_attr_language_new(pango_language_from_string(language)))
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
    }

    /// Sets `text` on `layout` (all of it: a NUL character does not end it).
    static func setText(_ text: String, on layout: OpaquePointer) {
        var t = text
        t.withUTF8 { buf in
            buf.withMemoryRebound(to: CChar.self) { pango_layout_set_text(layout, $0.baseAddress, Int32(buf.count)) }
        }
    }
}
