import Pricing

/// A single quote as the PDF a clinic hands its client: one page (US Letter or A4, as
/// the clinic's `paper` says) with the clinic's letterhead and logo, the client, the
/// quote's id, date and validity, the plan, the price waterfall, the deposit and
/// installments with their due dates, the dated sessions (moved days marked), the add-on
/// lines, the clinic's terms and a place to sign (or, once accepted, when and by whom).
///
/// Amounts are the quote's `Int64` cents printed exactly, thousands grouped, two decimals,
/// right-aligned in a column headed with the currency. Text is set with pango (any
/// script, right to left where the text is); fonts are embedded and subset by cairo.
/// The same quote and clinic give the same bytes: the creation date is the quote date,
/// and nothing else in the file depends on the clock, the locale or the environment
/// (see ``PDFTypesetter`` for the fonts).
public enum ClientQuotePDF {
    /// Writes `quote` to `path` (a `.pdf`) atomically. `clinic` nil prints no letterhead.
    /// - Throws: ``ReportError/cannotRead(path:reason:)`` when the clinic's logo cannot be
    ///   read; ``ReportError/pdf(path:reason:)`` when cairo fails or the quote does not fit
    ///   on one page; ``ReportError/cannotWrite(path:reason:)`` when the file cannot be
    ///   written. Nothing is left at `path` or beside it then.
    public static func write(_ quote: Quote, clinic: ClinicDetails?, to path: String) throws(ReportError) {
        try ClientQuoteRenderer(clinic: clinic).write(quote, to: path)
    }
}
