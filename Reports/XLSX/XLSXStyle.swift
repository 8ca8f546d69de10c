import CXlsxWriter

/// A cell style: number format, bold, wrap, border, fill. Equal styles share one format.
public struct XLSXStyle: Equatable, Sendable {
    public var numberFormat: String?
    public var bold = false
    public var wrap = false
    public var topBorder = false
    public var fontSize: Double?
    public var fill: UInt32?

    public init(numberFormat: String? = nil, bold: Bool = false, wrap: Bool = false, topBorder: Bool = false,
                fontSize: Double? = nil, fill: UInt32? = nil) {
        self.numberFormat = numberFormat; self.bold = bold; self.wrap = wrap; self.topBorder = topBorder
        self.fontSize = fontSize; self.fill = fill
    }

    public static let plain = XLSXStyle()
    public static let date = XLSXStyle(numberFormat: "yyyy-mm-dd")
    public static let header = XLSXStyle(bold: true, fill: 0xDDEBF7)
    /// A header cell holding a label for people: as ``header``, wrapped.
    public static let label = XLSXStyle(bold: true, wrap: true, fill: 0xDDEBF7)
    public static let percent = XLSXStyle(numberFormat: "0.####\"%\"")
    public static let ratio = XLSXStyle(numberFormat: "0.00%")

    /// The money format for an ISO 4217 code: `$#,##0.00` for USD, `[$EUR] #,##0.00` otherwise.
    public static func money(_ currency: String, bold: Bool = false, topBorder: Bool = false) -> XLSXStyle {
        let symbols = ["USD": "\"$\"", "CAD": "\"$\"", "AUD": "\"$\"", "GBP": "\"£\"", "EUR": "\"€\""]
        let prefix = symbols[currency] ?? "[$\(currency)] "
        return XLSXStyle(numberFormat: "\(prefix)#,##0.00", bold: bold, topBorder: topBorder)
    }

    var key: String { "\(numberFormat ?? "")|\(bold)|\(wrap)|\(topBorder)|\(fontSize ?? 0)|\(fill ?? 0)" }
}
