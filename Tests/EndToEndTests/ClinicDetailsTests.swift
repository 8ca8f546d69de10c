import Foundation
import Testing

/// A workbook's first sheet as openpyxl (an independent reader) reads it: each row's cells
/// as text (dates as YYYY-MM-DD, whole numbers without a decimal point), trailing empty
/// cells dropped; and the sheet's paper size code.
enum WorkbookCells {
    static let script = """
    import json, sys, datetime, openpyxl
    ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
    def text(v):
        if v is None: return ""
        if isinstance(v, datetime.datetime): return v.date().isoformat()
        if isinstance(v, float) and v.is_integer(): return str(int(v))
        return str(v)
    rows = []
    for r in ws.iter_rows(values_only=True):
        cells = [text(v) for v in r]
        while cells and cells[-1] == "": cells.pop()
        rows.append(cells)
    print(json.dumps({"rows": rows, "paper": ws.page_setup.paperSize}))
    """

    static func read(_ xlsx: String) throws -> (rows: [[String]], paper: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")   // the python3 on PATH, which has openpyxl
        p.arguments = ["python3", "-c", script, xlsx]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "openpyxl could not read \(xlsx)")
        let rows = try #require(json["rows"] as? [[String]])
        return (rows, "\(json["paper"] ?? "")")
    }

    /// An amount as openpyxl shows the number: `3630.00` -> `3630`, `89.50` -> `89.5`.
    static func number(_ amount: String) -> String {
        guard amount.contains(".") else { return amount }
        var s = amount
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// The rows from the one whose first cell is `header` to the next with an empty first cell.
    static func table(_ rows: [[String]], after header: String) -> [[String]] {
        guard let start = rows.firstIndex(where: { $0.first == header }) else { return [] }
        return Array(rows[(start + 1)...].prefix { !($0.first ?? "").isEmpty })
    }
}

@Suite("Clinic details on client quotes, end to end")
struct ClinicDetailsTests {
    static let example = QuoteCommandTests.requests[1]   // EX2: six sessions at uptown, moved off closed days, accepted
    static let pricing = Binary.example("pricing.toml")

    /// A folder holding `card.toml` (the example card, `edit` applied) and its logo.
    static func card(in folder: String, _ edit: (String) -> String = { $0 }) throws -> String {
        let text = try String(contentsOfFile: pricing, encoding: .utf8)
        try edit(text).write(toFile: folder + "/card.toml", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Binary.example("clinic-logo.png"), toPath: folder + "/clinic-logo.png")
        return folder + "/card.toml"
    }

    static func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    static func quoteArguments(_ request: [String: String], card: String) -> [String] {
        QuoteCommandTests.arguments(request).map { $0 == pricing ? card : $0 }
    }

    @Test("the client workbook has the clinic's letterhead, terms and acceptance, and a sessions table in five columns")
    func workbookCells() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let r = try Binary.run(QuoteCommandTests.arguments(Self.example) + ["--output", folder + "/q.xlsx"])
        #expect(r.status == 0, "\(r.stderr)")
        let (rows, paper) = try WorkbookCells.read(folder + "/q.xlsx")
        #expect(rows.prefix(4).map { $0.first ?? "" } == ["Lumen Skin Clinic", "215 Harbor Street, Suite 4", "Portland, OR 97204",
                                                           "(503) 555-0142  ·  frontdesk@lumenskin.example  ·  www.lumenskin.example"])
        #expect(paper == "1", "letter, the default")
        #expect(rows.contains(["Client", "Mark Chen"]) && rows.contains(["Location", "Uptown studio"]))
        #expect(rows.contains { ($0.first ?? "").hasPrefix("This quote is valid until the date shown.") }, "the terms")
        #expect(rows.contains(["Accepted on 2026-11-20 by Mark Chen"]))
        #expect(!rows.contains { ($0.first ?? "").hasPrefix("Signature") }, "no signature line on an accepted quote")
        let sessions = WorkbookCells.table(rows, after: "Sessions and installments")
        #expect(sessions.first == ["Session", "Date", "Day", "Note", "Installment"])
        let want: [[String]] = [
            ["1", "2026-11-10", "Tuesday", "moved from 2026-11-08 (closed)", "484"],
            ["2", "2026-12-15", "Tuesday", "moved from 2026-12-13 (closed)", "484"],
            ["3", "2027-01-19", "Tuesday", "moved from 2027-01-17 (closed)", "484"],
            ["4", "2027-02-23", "Tuesday", "moved from 2027-02-21 (closed)", "484"],
            ["5", "2027-03-30", "Tuesday", "moved from 2027-03-28 (closed)", "484"],
            ["6", "2027-05-04", "Tuesday", "moved from 2027-05-02 (closed)", "484"],
        ]
        #expect(Array(sessions.dropFirst()) == want)
        let expected = try #require(QuoteCommandTests.expected.first { $0["request_id"] == "EX2" })
        #expect(expected["first_session"] == "2026-11-10" && expected["last_session"] == "2027-05-04")
        for (label, column) in [("Total", "total"), ("Balance", "balance"), ("Treatment", "treatment_net")] {
            #expect(rows.contains([label, "", "", "", WorkbookCells.number(expected[column]!)]), "\(label)")
        }
    }

    @Test("a quote not yet accepted has signature and date lines; a card without [clinic] prints no letterhead, on letter paper")
    func noClinic() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let card = try Self.card(in: folder) { String($0[..<$0.range(of: "\n# Printed on client quotes")!.lowerBound]) + "\n" }
        var request = Self.example
        request["status"] = ""; request["accepted_on"] = ""
        let r = try Binary.run(Self.quoteArguments(request, card: card) + ["--output", folder + "/q.xlsx"])
        #expect(r.status == 0, "\(r.stderr)")
        let (rows, paper) = try WorkbookCells.read(folder + "/q.xlsx")
        #expect(rows.first == ["Uptown studio"])
        #expect(!rows.joined().contains { $0.contains("Lumen") || $0.contains("valid until the date shown") })
        #expect(rows.contains { $0.first == "Signature: ______________________________" && $0.last == "Date: ____________________" })
        #expect(!rows.joined().contains { $0.hasPrefix("Accepted on") })
        #expect(paper == "1")
    }

    @Test("paper = \"a4\" prints the client workbook on A4 (paper code 9)")
    func a4() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let card = try Self.card(in: folder) { $0.replacingOccurrences(of: "paper = \"letter\"", with: "paper = \"a4\"") }
        let r = try Binary.run(Self.quoteArguments(Self.example, card: card) + ["--output", folder + "/q.xlsx"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try WorkbookCells.read(folder + "/q.xlsx").paper == "9")
    }

    @Test("ledger show --output prints a quote saved under an older card as saved, after the card's prices changed")
    func ledgerShowAsSaved() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite", old = try Self.card(in: folder)
        let saved = try Binary.run(Self.quoteArguments(Self.example, card: old)
                                   + ["--save", "--ledger", ledger, "--output", folder + "/issued.xlsx"])
        #expect(saved.status == 0, "\(saved.stderr)")
        let savedJSON = try Binary.run(["ledger", "show", "Q-2026-000001", "--ledger", ledger, "--format", "json"]).stdout
        // A new card: every physician rate, a surcharge and an add-on price changed, another clinic name.
        let newCard = folder + "/new.toml"
        try String(contentsOfFile: old, encoding: .utf8)
            .replacingOccurrences(of: "physician = 495", with: "physician = 520")
            .replacingOccurrences(of: "surcharge = 175", with: "surcharge = 190")
            .replacingOccurrences(of: "price = 45", with: "price = 55")
            .replacingOccurrences(of: "name = \"Lumen Skin Clinic\"", with: "name = \"Lumen Skin & Laser\"")
            .write(toFile: newCard, atomically: true, encoding: .utf8)
        let repriced = try Binary.run(Self.quoteArguments(Self.example, card: newCard) + ["--format", "json"])
        #expect(repriced.status == 0 && !repriced.stdout.contains("\"total\": \"3630.00\""), "the new card prices differently")
        let shown = try Binary.run(["ledger", "show", "Q-2026-000001", "--ledger", ledger, "--pricing", newCard, "--output", folder + "/s.xlsx"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let issued = try WorkbookCells.read(folder + "/issued.xlsx").rows, again = try WorkbookCells.read(folder + "/s.xlsx").rows
        #expect(again.first == ["Lumen Skin & Laser"], "the letterhead comes from --pricing")
        #expect(Array(again.dropFirst()) == Array(issued.dropFirst()), "every figure, date and line as issued")
        #expect(again.contains(["Total", "", "", "", "3630"]))
        let json = try Binary.run(["ledger", "show", "Q-2026-000001", "--ledger", ledger, "--output", folder + "/s.json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(try String(contentsOfFile: folder + "/s.json", encoding: .utf8) == savedJSON)
        #expect(savedJSON.contains("\"total\": \"3630.00\""))
    }

    @Test("ledger show --output with the card it was saved under writes the same bytes as the quote did")
    func ledgerShowSameBytes() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        let r = try Binary.run(QuoteCommandTests.arguments(Self.example) + ["--save", "--ledger", ledger, "--output", folder + "/q.xlsx"])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["a.xlsx", "b.xlsx"] {
            let shown = try Binary.run(["ledger", "show", "Q-2026-000001", "--ledger", ledger, "--pricing", Self.pricing, "--output", folder + "/" + name])
            #expect(shown.status == 0 && shown.stdout.isEmpty, "\(shown.stderr)")
            #expect(FileManager.default.contents(atPath: folder + "/" + name) == FileManager.default.contents(atPath: folder + "/q.xlsx"))
        }
        let plain = try Binary.run(["ledger", "show", "Q-2026-000001", "--ledger", ledger, "--output", folder + "/plain.xlsx"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let rows = try WorkbookCells.read(folder + "/plain.xlsx").rows
        #expect(rows.first == ["Uptown studio"] && !rows.joined().contains { $0.contains("Lumen") }, "no letterhead without --pricing")
        let bare = try Self.card(in: folder) { String($0[..<$0.range(of: "\n# Printed on client quotes")!.lowerBound]) + "\n" }
        let noClinic = try Binary.run(["ledger", "show", "Q-2026-000001", "--ledger", ledger, "--pricing", bare, "--output", folder + "/bare.xlsx"])
        #expect(noClinic.status == 0 && noClinic.stderr.contains("\(bare) has no [clinic] table"), "\(noClinic.stderr)")
        #expect(FileManager.default.contents(atPath: folder + "/bare.xlsx") == FileManager.default.contents(atPath: folder + "/plain.xlsx"))
    }

    struct BadCard: CustomTestStringConvertible, Sendable {
        var name: String
        var edit: @Sendable (String) -> String
        var logo: [UInt8]?
        var mentions: [String]
        var testDescription: String { name }
    }

    static let badCards: [BadCard] = [
        BadCard(name: "a missing logo file", edit: { $0 }, logo: nil, mentions: ["clinic.logo", "clinic-logo.png does not exist"]),
        BadCard(name: "a logo that is not a PNG", edit: { $0 }, logo: Array("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8),
                mentions: ["clinic.logo", "is not a PNG image"]),
        BadCard(name: "a clinic address of the wrong type", edit: { $0.replacingOccurrences(of: "address = [", with: "address = [3, ") },
                logo: [], mentions: ["clinic.address[1]", "expected a string in quotes, found the whole number 3"]),
        BadCard(name: "a paper size that is not letter or a4", edit: { $0.replacingOccurrences(of: "paper = \"letter\"", with: "paper = \"A3\"") },
                logo: [], mentions: ["clinic.paper", "\"A3\" is not a paper size"]),
        BadCard(name: "an unknown clinic key", edit: { $0.replacingOccurrences(of: "paper = \"letter\"", with: "fax = \"555\"") },
                logo: [], mentions: ["clinic.fax", "unknown key"]),
    ]

    /// `logo` nil: none beside the card; empty: the example's; else these bytes.
    static func badCardFolder(_ c: BadCard) throws -> (folder: String, card: String) {
        let folder = Binary.temporaryFolder()
        let text = try String(contentsOfFile: pricing, encoding: .utf8)
        try c.edit(text).write(toFile: folder + "/card.toml", atomically: true, encoding: .utf8)
        if let logo = c.logo {
            let bytes = logo.isEmpty ? try #require(FileManager.default.contents(atPath: Binary.example("clinic-logo.png"))) : Data(logo)
            FileManager.default.createFile(atPath: folder + "/clinic-logo.png", contents: bytes)
        }
        return (folder, folder + "/card.toml")
    }

    @Test("quote --output q.xlsx refuses a bad [clinic] table naming the card and key, writing nothing", arguments: badCards)
    func quoteRefusesBadClinic(_ c: BadCard) throws {
        let (folder, card) = try Self.badCardFolder(c)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = Self.names(folder)
        let r = try Binary.run(Self.quoteArguments(Self.example, card: card) + ["--output", folder + "/q.xlsx", "--save", "--ledger", folder + "/l.sqlite"])
        #expect(r.status == 1)
        for m in c.mentions + [card] { #expect(r.stderr.contains(m), "\(m) in \(r.stderr)") }
        #expect(Self.names(folder) == before, "no output, no ledger")
    }

    @Test("ledger show --pricing refuses a bad [clinic] table naming the card and key, writing nothing", arguments: badCards)
    func ledgerShowRefusesBadClinic(_ c: BadCard) throws {
        let (folder, card) = try Self.badCardFolder(c)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        let saved = try Binary.run(QuoteCommandTests.arguments(Self.example) + ["--save", "--ledger", ledger])
        #expect(saved.status == 0, "\(saved.stderr)")
        let before = Self.names(folder)
        let r = try Binary.run(["ledger", "show", "Q-2026-000001", "--ledger", ledger, "--pricing", card, "--output", folder + "/s.xlsx"])
        #expect(r.status == 1)
        for m in c.mentions + [card] { #expect(r.stderr.contains(m), "\(m) in \(r.stderr)") }
        #expect(Self.names(folder) == before)
    }

    @Test("an output folder that does not exist is a clear error and leaves nothing", arguments: [
        ["quote"], ["ledger", "show", "xlsx"], ["ledger", "show", "json"],
    ])
    func missingFolder(_ command: [String]) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = folder + "/l.sqlite"
        _ = try Binary.run(QuoteCommandTests.arguments(Self.example) + ["--save", "--ledger", ledger])
        let before = Self.names(folder)
        let output = folder + "/no-such-folder/q." + (command.last == "json" ? "json" : "xlsx")
        let args = command == ["quote"] ? QuoteCommandTests.arguments(Self.example) + ["--output", output]
            : ["ledger", "show", "Q-2026-000001", "--ledger", ledger, "--output", output]
        let r = try Binary.run(args)
        #expect(r.status == 1)
        #expect(r.stderr.contains(output) && r.stderr.contains("check that the folder exists"), "\(r.stderr)")
        #expect(Self.names(folder) == before)
    }

    @Test("ledger show --output refuses what it cannot write, as a usage error naming what to do", arguments: [
        (["--output", "q.docx"], "name the file with one of .json, .xlsx, .pdf"),
        (["--output", "q.csv"], "name the file with one of .json, .xlsx, .pdf"),
        (["--output", "q.xlsx", "--format", "json"], "Leave out --format"),
        (["--output", "q.json", "--pricing", "PRICING"], "Leave out --pricing"),
        (["--pricing", "PRICING"], "leave it out, or add --output"),
        (["--output", "l.xlsx", "--ledger", "l.xlsx"], "l.xlsx"),
        (["--output", "card.xlsx", "--pricing", "card.xlsx"], "card.xlsx"),
    ])
    func refusals(arguments: [String], message: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Binary.run(QuoteCommandTests.arguments(Self.example) + ["--save", "--ledger", "l.sqlite"], in: folder)
        try FileManager.default.copyItem(atPath: folder + "/l.sqlite", toPath: folder + "/l.xlsx")
        _ = try Self.card(in: folder)
        try FileManager.default.copyItem(atPath: folder + "/card.toml", toPath: folder + "/card.xlsx")
        let before = try Self.names(folder).map { ($0, FileManager.default.contents(atPath: folder + "/" + $0)) }
        let args = arguments.map { $0 == "PRICING" ? "card.toml" : $0 }
        let ledger = args.contains("--ledger") ? [] : ["--ledger", "l.sqlite"]
        let r = try Binary.run(["ledger", "show", "Q-2026-000001"] + ledger + args, in: folder)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(try Self.names(folder).map { ($0, FileManager.default.contents(atPath: folder + "/" + $0)) }.elementsEqual(before) { $0 == $1 })
    }
}
