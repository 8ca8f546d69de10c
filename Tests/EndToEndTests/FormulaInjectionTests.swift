import Foundation
import Testing

@Suite("Formula injection, as LibreOffice opens the outputs", .enabled(if: LibreOffice.required))
struct FormulaInjectionTests {
    /// Hostile text and what a spreadsheet would show if it ran it as a formula.
    static let hostile: [(text: String, computed: String)] = [
        ("=1+1", "2"), ("+2+3", "5"), ("-4+5", "1"), ("@SUM(1,2)", "3"),
        ("=HYPERLINK(\"http://example.invalid\",\"click\")", "click"), ("\t=7+1", "8"),
    ]

    func csvField(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    @Test("hostile client names and request ids stay text in the CSV and in the workbook")
    func inert() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var input = "request_id,client,location,tier,areas,sessions,quote_date\n"
        for (i, h) in Self.hostile.enumerated() {
            input += "\(csvField(h.text + "#\(i)")),\(csvField(h.text)),downtown,senior,face,3,2026-11-01\n"
        }
        try input.write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        for ext in ["csv", "xlsx"] {
            let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), folder + "/r.csv", "--output", "\(folder)/q.\(ext)"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        // CSV: imported with LibreOffice's "evaluate formulas" on (the 13th option), exported again as CSV.
        let sub = folder + "/fromcsv"
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        let evaluating = "Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,false,false,false,-1,true"
        try LibreOffice.convert(folder + "/q.csv", to: "csv", in: sub, inputFilter: evaluating)
        // Control: in this mode LibreOffice does run a formula that is not neutralized.
        try "a,b\n=1+1,x\n".write(toFile: folder + "/control.csv", atomically: true, encoding: .utf8)
        try LibreOffice.convert(folder + "/control.csv", to: "csv", in: sub, inputFilter: evaluating)
        #expect(SimpleCSV.records(file: sub + "/control-control.csv").first?["a"] == "2", "the control formula was not evaluated")
        // XLSX: the Quotes sheet as CSV.
        try LibreOffice.convert(folder + "/q.xlsx", to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1", in: folder)
        for (file, label) in [(sub + "/q-q.csv", "CSV"), (folder + "/q-Quotes.csv", "XLSX")] {
            let rows = SimpleCSV.records(file: file)
            #expect(rows.count == Self.hostile.count, "\(label): \(rows.count) rows")
            for (row, h) in zip(rows, Self.hostile) {
                let client = row["client"] ?? ""
                #expect(client != h.computed, "\(label) ran \(h.text) as a formula")
                #expect(client.contains(h.text.trimmingCharacters(in: .whitespaces)), "\(label) client shows \(client)")
                #expect(row["request_id"]?.contains("#") == true, "\(label) request id shows \(row["request_id"] ?? "")")
            }
        }
    }
}
