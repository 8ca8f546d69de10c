import Foundation
import Testing

/// Dates a spreadsheet cannot show as dates (before 1900-01-01) in the workbooks.
@Suite("Workbook dates before 1900, end to end")
struct WorkbookDateTests {
    /// The cells of `sheet`'s second row as "kind:value" ("str:1800-01-06", "date:2026-11-02").
    static func secondRow(_ xlsx: String, sheet: String) throws -> [String] {
        let script = """
        import json, sys, datetime, openpyxl
        ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]
        row = list(ws.iter_rows(min_row=2, max_row=2, values_only=True))[0]
        def tag(v):
            if isinstance(v, datetime.datetime): return "date:" + v.date().isoformat()
            if isinstance(v, str): return "str:" + v
            return "other:" + repr(v)
        print(json.dumps([tag(v) for v in row]))
        """
        let p = Process(), out = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, xlsx, sheet]
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return try JSONDecoder().decode([String].self, from: data)
    }

    @Test("the monthly workbook's accepted quotes show a date before 1900 as its ISO text, never as another day",
          arguments: ["1800-01-06", "1899-12-31"])
    func acceptedQuotesSheet(day: String) throws {
        let folder = AggregateLimitTests.folderWithCard()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let card = folder + "/card.toml"
        try String(contentsOfFile: card, encoding: .utf8).replacingOccurrences(of: "effective_from = 2026-01-01", with: "effective_from = 1700-01-01")
            .write(toFile: card, atomically: true, encoding: .utf8)
        let save = try Binary.run(["quote", "--pricing", "card.toml", "--location", "l", "--tier", "t", "--areas", "a", "--sessions", "1",
                                   "--date", day, "--status", "accepted", "--accepted-on", day, "--save", "--ledger", "l.sqlite",
                                   "--format", "json"], in: folder)
        #expect(save.status == 0, "\(save.stderr)")
        let month = String(day.prefix(7))
        let r = try Binary.run(["report", "monthly", "--from", month, "--output", "m.xlsx", "--ledger", "l.sqlite"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let cells = try Self.secondRow(folder + "/m.xlsx", sheet: "Accepted quotes")
        #expect(cells.contains("str:" + day), "\(cells)")
        #expect(!cells.contains { $0.hasPrefix("date:") }, "no date cell before 1900: \(cells)")
    }
}
