import CPangoCairo

/// The fonts a client quote is set in: a pango font map of its own (the process's
/// default font map is left alone), with fontconfig choosing the faces as configured on
/// the machine: DejaVu Sans for Latin, Greek, Cyrillic, Arabic and Hebrew, and Noto Sans
/// CJK, found by pango's fallback, for Chinese and Japanese (Debian's `fonts-dejavu-core`
/// and `fonts-noto-cjk`).
///
/// Text is set at 72 units an inch (a font size is in PDF points), without hinting, so
/// the metrics are the fonts' own and the same on every run. Pango reads the
/// `PANGO_LANGUAGE` and `LANGUAGE` environment variables to choose between Chinese and
/// Japanese forms of Han characters; every layout states its language
/// (``PDFCanvas/language(of:)``), so that no environment variable changes the glyphs.
///
/// One typesetter serves one thread at a time; a batch keeps one per thread.
final class PDFTypesetter {
    /// `PangoFontMap *`.
    let fontMap: UnsafeMutablePointer<PangoFontMap>

    init() {
        fontMap = pango_cairo_font_map_new()
    }

    /// A pango context drawing on `cr`, with this typesetter's fonts and settings; the
    /// caller releases it with `g_object_unref`.
    func context(drawingOn cr: OpaquePointer) -> OpaquePointer {
        let context = pango_font_map_create_context(fontMap)!
        pango_cairo_update_context(cr, context)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_cairo_context_set_resolution(context, 72)
        pango_context_set_language(context, pango_language_from_string("en"))
        pango_context_set_base_dir(context, PANGO_DIRECTION_LTR)
        return context
    }

    deinit { g_object_unref(fontMap) }
}
