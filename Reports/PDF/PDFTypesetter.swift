import CPangoCairo

/// The fonts a client quote is set in: a pango font map of its own (the process's
/// default font map and fontconfig's current configuration are left alone), whose
/// fontconfig configuration reads only the fonts Debian's packages install under
/// `/usr/share/fonts`, with none of the machine's or the user's substitution rules:
/// DejaVu Sans (`fonts-dejavu-core`) for Latin, Greek, Cyrillic, Arabic and Hebrew, and
/// Noto Sans CJK (`fonts-noto-cjk`) for Chinese, Japanese and Korean, named in the text's
/// font list (``PDFScriptHint``). What the environment says (`LANG`, `LC_ALL`,
/// `LANGUAGE`, `PANGO_LANGUAGE`, a user's fonts.conf) then changes no glyph: the same
/// quote is the same bytes on any machine with the same font packages.
///
/// Text is set at 72 units an inch (a font size is in PDF points), without hinting, so
/// the metrics are the fonts' own. One typesetter serves one thread at a time; a batch
/// keeps one per thread.
final class PDFTypesetter {
    /// `PangoFontMap *`.
    let fontMap: UnsafeMutablePointer<PangoFontMap>

    /// The configuration: Debian's font folder, and fontconfig's caches of it (read if
    /// fresh; a stale cache makes fontconfig scan the fonts again).
    static let configuration = """
        <?xml version="1.0"?>
        <fontconfig>
          <dir>/usr/share/fonts</dir>
          <cachedir>/var/cache/fontconfig</cachedir>
          <cachedir prefix="xdg">fontconfig</cachedir>
        </fontconfig>
        """

    init() {
        fontMap = pango_cairo_font_map_new()
        if let config = FcConfigCreate() {
            if FcConfigParseAndLoadFromMemory(config, PDFTypesetter.configuration, 0) != 0, FcConfigBuildFonts(config) != 0 {
                pango_fc_font_map_set_config(OpaquePointer(fontMap), config)
            }
            FcConfigDestroy(config)   // the font map keeps its own reference
        }
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
