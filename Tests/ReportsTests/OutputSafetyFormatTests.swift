import Testing
@testable import Reports

/// The format of an output follows its extension, in one place.
@Suite("Output safety: the format follows the extension")
struct OutputSafetyFormatTests {
    @Test("each extension names its format, in any case", arguments: [
        ("q.csv", OutputFormat.csv), ("Q.CSV", .csv), ("dir.x/q.json", .json), ("q.Xlsx", .xlsx), ("q.txt", .table),
        ("a.b.csv", .csv),
    ])
    func named(path: String, format: OutputFormat) {
        #expect(OutputFormat(extensionOf: path) == format)
    }

    @Test("other extensions and none name no format", arguments: ["q", "q.xls", "q.tsv", ".csv", "dir.csv/q", "q.csv.bak", "q."])
    func unnamed(path: String) {
        #expect(OutputFormat(extensionOf: path) == nil)
    }

    @Test("a format outside those allowed is refused, listing the extensions allowed", arguments: [
        ("q.json", [OutputFormat.csv, .xlsx]), ("q.txt", [.csv, .xlsx]), ("r.xlsx", [.csv]), ("q", [.csv]),
    ])
    func refused(path: String, allowed: [OutputFormat]) {
        #expect(throws: ReportError.unsupportedFormat(path: path, allowed: allowed.map { "." + $0.fileExtension })) {
            try OutputFormat.of(path, allowed: allowed)
        }
    }

    @Test("a format asked for must match the extension, or the extension must name none", arguments: [
        (OutputFormat.json, "q.csv", false), (.csv, "q.json", false), (.table, "q.xlsx", false), (.xlsx, "q.csv", false),
        (.json, "q.txt", false), (.json, "q.JSON", true), (.table, "q.txt", true), (.csv, "q.out", true),
    ])
    func mismatch(format: OutputFormat, path: String, ok: Bool) {
        if ok {
            #expect(throws: Never.self) { try format.check(path: path) }
        } else {
            #expect(throws: OutputFormatMismatch.self) { try format.check(path: path) }
        }
    }

    @Test("a mismatch says both formats and suggests a name", arguments: [
        (OutputFormat.json, "out/q.csv", "out/q.json", "out/q.csv: a .csv file holds CSV, not JSON"),
        (.table, "Q.XLSX", "Q.txt", "Q.XLSX: a .xlsx file holds XLSX, not a text table"),
    ])
    func mismatchMessage(format: OutputFormat, path: String, suggested: String, message: String) {
        do {
            try format.check(path: path)
            Issue.record("accepted")
        } catch {
            #expect(error.suggestedPath == suggested)
            #expect("\(error)" == message)
        }
    }
}
