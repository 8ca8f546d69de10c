import Pricing

/// Quotes streamed to a workbook: a `Quotes` sheet written in libxlsxwriter's
/// constant_memory mode (flat memory for any number of rows), and a `Summary` sheet of
/// live formulas over it, each written with its computed value.
public final class XLSXQuoteSink: QuoteSink {
    private let file: AtomicFile
    private let workbook: XLSXWorkbook
    private let quotes: XLSXSheet
    private let formats: XLSXSheet.DefaultFormats
    private let currency: String
    private var row = 0
    private var totals = SummaryTotals()
    private var byLocation: [String: SummaryTotals] = [:]

    /// The money columns the Summary sheet adds up.
    static let summed: [QuoteColumn] = [.listTotal, .seriesDiscount, .promoDiscount, .treatmentNet, .addonsTotal, .tax, .total]

    struct SummaryTotals {
        var count = 0
        /// Cents, by position in ``XLSXQuoteSink/summed``: 128-bit, since a card's limits
        /// bound one quote, not a million of them (a sheet's rows times the largest total fit).
        var sums = [Int128](repeating: 0, count: XLSXQuoteSink.summed.count)
        mutating func add(_ q: Quote) {
            count += 1
            for (i, c) in XLSXQuoteSink.summed.enumerated() { if case .money(let m) = c.cell(q) { sums[i] += Int128(m.cents) } }
        }
    }

    public init(path: String, card: RateCard, created: LocalDate) throws(ReportError) {
        file = try AtomicFile(destination: path)
        currency = card.currency
        do {
            workbook = try XLSXWorkbook(path: file.temporaryPath, displayPath: path, constantMemory: true)
            try workbook.setProperties(title: "Quotes", subject: "Microneedling treatment quotes",
                                       comments: "Rate card \(card.name), version \(card.version)", created: created)
            quotes = try workbook.addSheet("Quotes")
            formats = quotes.defaultFormats(currency: card.currency)
            for (i, name) in QuoteColumn.header.enumerated() { try quotes.writeText(name, row: 0, column: i, style: .header) }
            for (i, column) in QuoteColumn.ordered.enumerated() { quotes.setColumn(i, i, width: Self.width(column)) }
            quotes.freezeHeader()
            // The header keeps the CSV's column names (SPEC section 6: the same header row;
            // programs read the sheet by them): readable as they are, wide enough, in print.
            quotes.landscapeOnePageWide()
        } catch {
            file.discard()
            throw error
        }
    }

    /// A column's width (characters): its values', and never narrower than its name in
    /// bold, so that no header is cut or overlaps its neighbour, on screen or in print.
    static func width(_ c: QuoteColumn) -> Double {
        let values: Double = switch c {
        case .client, .rateCardName: 22
        case .areas, .addons: 18
        case .quoteID, .requestID: 15
        case .sessions, .spacingWeeks, .status, .currency: 9
        default: 11
        }
        return max(values, Double(c.rawValue.count) + 2)
    }

    public func add(_ quote: Quote) throws(ReportError) {
        row += 1
        for (i, column) in QuoteColumn.ordered.enumerated() {
            try quotes.write(column.cell(quote), row: row, column: i, formats: formats)
        }
        totals.add(quote)
        byLocation[quote.request.location, default: SummaryTotals()].add(quote)
    }

    public func close() throws(ReportError) {
        do {
            quotes.autofilter(rows: row, columns: QuoteColumn.ordered.count)
            try writeSummary()
            try workbook.close()
            try XLSXVerifier.verify(path: file.temporaryPath, displayPath: file.destination,
                                    rows: ["xl/worksheets/sheet1.xml": row + 1, "xl/worksheets/sheet2.xml": byLocation.count + 2])
        } catch {
            file.discard()
            throw error
        }
    }

    public func commit() throws(ReportError) {
        do {
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    public func discard() {
        workbook.abandon()
        file.discard()
    }

    public func problem(with quote: Quote) -> String? { XLSXLimits.problem(with: quote) }

    func range(_ column: QuoteColumn) -> String {
        let letters = columnLetters(QuoteColumn.ordered.firstIndex(of: column)!)
        return "Quotes!$\(letters)$2:$\(letters)$\(max(row + 1, 2))"
    }

    /// The Summary sheet's header: labels for people ("Location", "List total"...).
    static let summaryLabels = ["Location", "Quotes"] + summed.map { XLSXLabels.label($0.rawValue) }

    private func writeSummary() throws(ReportError) {
        let s = try workbook.addSheet("Summary")
        let money = XLSXStyle.money(currency)
        try s.writeLabels(Self.summaryLabels, minimum: [16] + Array(repeating: 13, count: Self.summed.count + 1))
        s.freezeHeader()
        s.landscapeOnePageWide()
        let locRange = range(.location)
        let idRange = range(.requestID)
        try s.writeText("ALL", row: 1, column: 0, style: XLSXStyle(bold: true))
        try s.writeFormula("=COUNTA(\(idRange))", count: totals.count, row: 1, column: 1, style: XLSXStyle(bold: true))
        for (i, c) in Self.summed.enumerated() {
            try s.writeFormula("=SUM(\(range(c)))", cents: totals.sums[i], row: 1, column: i + 2,
                               style: .money(currency, bold: true))
        }
        for (n, location) in byLocation.keys.sorted().enumerated() {
            let r = n + 2
            let t = byLocation[location]!
            try s.writeText(location, row: r, column: 0)
            let key = "$A$\(r + 1)"
            try s.writeFormula("=COUNTIF(\(locRange),\(key))", count: t.count, row: r, column: 1)
            for (i, c) in Self.summed.enumerated() {
                try s.writeFormula("=SUMIF(\(locRange),\(key),\(range(c)))", cents: t.sums[i], row: r, column: i + 2, style: money)
            }
        }
    }
}
