/// The formats spaquote writes, and the file extension that names each: the one place
/// that maps an output file's name to what goes in it.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// The terminal table (`.txt`).
    case table
    case csv
    case json
    case xlsx
    /// A client quote as a one-page PDF (``ClientQuotePDF``).
    case pdf

    /// The extension that names the format, without the dot (`txt` for a table).
    public var fileExtension: String { self == .table ? "txt" : rawValue }

    /// How messages name the format: `CSV`, `JSON`, `XLSX`, `PDF`, `a text table`.
    public var displayName: String { self == .table ? "a text table" : rawValue.uppercased() }

    /// The format `path`'s extension names (any case), nil for another or none.
    public init?(extensionOf path: String) {
        let ext = Reports.fileExtension(path)
        guard let format = OutputFormat.allCases.first(where: { $0.fileExtension == ext }) else { return nil }
        self = format
    }

    /// The format of the output `path`, which must be one of `allowed`.
    /// - Throws: ``ReportError/unsupportedFormat(path:allowed:)`` listing the extensions allowed.
    public static func of(_ path: String, allowed: [OutputFormat]) throws(ReportError) -> OutputFormat {
        guard let format = OutputFormat(extensionOf: path), allowed.contains(format) else {
            throw .unsupportedFormat(path: path, allowed: allowed.map { "." + $0.fileExtension })
        }
        return format
    }

    /// Checks that `path` may hold this format: its extension names this format, or no
    /// format at all (the format was then chosen explicitly).
    /// - Throws: ``OutputFormatMismatch`` when the extension names another format.
    public func check(path: String) throws(OutputFormatMismatch) {
        if let named = OutputFormat(extensionOf: path), named != self {
            throw OutputFormatMismatch(path: path, format: self, named: named)
        }
    }
}

/// A format asked for an output whose extension names another: `q.csv` holding JSON.
public struct OutputFormatMismatch: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// The format asked for.
    public var format: OutputFormat
    /// The format the extension names.
    public var named: OutputFormat

    /// The output's name with the extension of the format asked for (`q.csv` -> `q.json`).
    public var suggestedPath: String {
        let ext = Reports.fileExtension(path)
        return String(path.dropLast(ext.count)) + format.fileExtension
    }

    public var description: String {
        "\(path): a .\(Reports.fileExtension(path)) file holds \(named.displayName), not \(format.displayName)"
    }
}
