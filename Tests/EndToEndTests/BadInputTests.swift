import Foundation
import Testing

/// A corpus of bad requests files, each with the outcome expected: the exit status and
/// the message (on stderr, or in the rejects file's `error` column for a rejected row).
@Suite("Bad input: every file gets a clear answer")
struct BadInputTests {
    static let header = "request_id,client,location,tier,areas,sessions,spacing_weeks,start_date,addons,promo,quote_date,status,accepted_on\n"
    static let good = "OK1,Ana,downtown,senior,face,3,,,,,2026-11-01,,\n"

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var status: Int32
        /// Expected in stderr (status 1) or in the rejected row's error (status 3).
        var message: String
        var testDescription: String { name }
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let cases: [Case] = [
        Case(name: "a quote never closed", bytes: text(header + good + "X1,\"Lee, Min-jun,downtown,senior,face,3\n"), status: 1,
             message: "r.csv:3: not valid CSV: a quoted field opened here is never closed"),
        // Was status 3 (the row rejected, U+FFFD in the rejects file): issue 10 refuses the file whole.
        Case(name: "bytes that are not UTF-8", bytes: text(header) + text("U1,Ana ") + [0xC3, 0x28] + text(",downtown,senior,face,3,,,,,2026-11-01,,\n"),
             status: 1, message: "r.csv:2: the file is not UTF-8 text: the byte \\xC3 in \"Ana \\xC3(\" is no character of it"),
        Case(name: "a NUL byte", bytes: text(header + "N1,An\u{0}a,downtown,senior,face,3,,,,,2026-11-01,,\n"), status: 3,
             message: "the row holds a NUL byte; remove it"),
        Case(name: "no header row", bytes: text(good + good), status: 1,
             message: "r.csv:1: the header lacks the required columns request_id, location, tier, areas, sessions"),
        Case(name: "a repeated header column", bytes: text("request_id,location,tier,tier,areas,sessions\n"), status: 1,
             message: "r.csv:1: the column 'tier' appears twice; keep one"),
        Case(name: "an empty file", bytes: [], status: 1, message: "r.csv:1: the file is empty; it needs a header row"),
        Case(name: "negative sessions", bytes: text(header + "S1,Ana,downtown,senior,face,-3,,,,,2026-11-01,,\n"), status: 3,
             message: "sessions '-3': is not a whole number; write digits only, for example 3"),
        Case(name: "huge sessions", bytes: text(header + "S2,Ana,downtown,senior,face,99999999999999999999,,,,,2026-11-01,,\n"), status: 3,
             message: "sessions '99999999999999999999': is not a whole number"),
        Case(name: "sessions beyond the card", bytes: text(header + "S3,Ana,downtown,senior,face,40,,,,,2026-11-01,,\n"), status: 3,
             message: "sessions '40': is outside 1 to 6 sessions allowed by rate card 2026.4"),
        Case(name: "non-numeric spacing", bytes: text(header + "S4,Ana,downtown,senior,face,3,four,,,,2026-11-01,,\n"), status: 3,
             message: "spacing_weeks 'four': is not a whole number"),
        Case(name: "an impossible date", bytes: text(header + "D1,Ana,downtown,senior,face,3,,,,,2026-02-30,,\n"), status: 3,
             message: "quote_date '2026-02-30': is not a real date; write YYYY-MM-DD"),
        Case(name: "a date in another format", bytes: text(header + "D2,Ana,downtown,senior,face,3,,11/02/2026,,,2026-11-01,,\n"), status: 3,
             message: "start_date '11/02/2026': is not a real date"),
        Case(name: "more fields than the header", bytes: text(header + "F1,Ana,downtown,senior,face,3,,,,,2026-11-01,,,extra\n"), status: 3,
             message: "the row has 14 fields but the header names 13 (extra: extra); check for an unquoted comma"),
        Case(name: "a missing required value", bytes: text(header + "R1,Ana,,senior,face,3,,,,,2026-11-01,,\n"), status: 3,
             message: "location '': is required; fill it in"),
        Case(name: "an empty list item", bytes: text(header + "L1,Ana,downtown,senior,face;;neck,3,,,,,2026-11-01,,\n"), status: 3,
             message: "areas 'face;;neck': has an empty item; separate ids with a single ';'"),
        // Issue 10: files of another encoding are refused whole, naming the line and the bytes.
        Case(name: "Windows-1252", bytes: text(header + good) + text("E1,Zo") + [0xEB] + text(" Faure,downtown,senior,face,3,,,,,2026-11-01,,\n"), status: 1,
             message: "r.csv:3: the file is not UTF-8 text: the byte \\xEB in \"Zo\\xEB Faure\" is no character of it (the file was probably saved as Windows-1252 or Latin-1"),
        Case(name: "Latin-1", bytes: text(header) + text("E2,Ren") + [0xE9] + text(",downtown,senior,face,3,,,,,2026-11-01,,\n" + good), status: 1,
             message: "r.csv:2: the file is not UTF-8 text: the byte \\xE9 in \"Ren\\xE9\""),
        Case(name: "UTF-16 with BOM", bytes: [0xFF, 0xFE] + Array(String(header + good).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }), status: 1,
             message: "r.csv:1: the file is not UTF-8 text: it starts with the byte order mark \\xFF\\xFE of UTF-16 text"),
        Case(name: "a lone continuation byte", bytes: text(header + good) + text("E3,") + [0xA9] + text(",downtown,senior,face,3,,,,,2026-11-01,,\n"), status: 1,
             message: "r.csv:3: the file is not UTF-8 text: the byte \\xA9 in \"\\xA9\""),
        Case(name: "an overlong encoding", bytes: text(header) + text("E4,A") + [0xE0, 0x81, 0x81] + text(",downtown,senior,face,3,,,,,2026-11-01,,\n"), status: 1,
             message: "r.csv:2: the file is not UTF-8 text: the byte \\xE0 in \"A\\xE0\\x81\\x81\""),
        Case(name: "a replacement character (text lost earlier)", bytes: text(header + "E5,Zo\u{FFFD} Faure,downtown,senior,face,3,,,,,2026-11-01,,\n"), status: 3,
             message: "client 'Zo\u{FFFD} Faure': holds U+FFFD, the replacement character"),
    ]

    func batch(_ bytes: [UInt8]) throws -> (result: Binary.Result, rejects: [[String: String]], quotes: [[String: String]], folder: String) {
        let folder = Binary.temporaryFolder()
        FileManager.default.createFile(atPath: folder + "/r.csv", contents: Data(bytes))
        let result = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), "r.csv", "--output", "q.csv"], in: folder)
        let rejects = FileManager.default.fileExists(atPath: folder + "/q.rejects.csv") ? SimpleCSV.records(file: folder + "/q.rejects.csv") : []
        let quotes = FileManager.default.fileExists(atPath: folder + "/q.csv") ? SimpleCSV.records(file: folder + "/q.csv") : []
        return (result, rejects, quotes, folder)
    }

    @Test("each bad file gets its exact message", arguments: cases)
    func corpus(_ c: Case) throws {
        let (result, rejects, _, folder) = try batch(c.bytes)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(result.status == c.status, "\(result.stderr)")
        if c.status == 1 {
            #expect(result.stderr.contains(c.message), "\(result.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["r.csv"], "a failed run leaves no output")
        } else {
            #expect(rejects.count == 1)
            #expect(rejects.first?["error"]?.contains(c.message) == true, "\(rejects.first?["error"] ?? "no reject")")
        }
    }

    @Test("spaces around values and list items are ignored; a stray quote inside a field is kept as text")
    func lenient() throws {
        let (result, rejects, quotes, folder) = try batch(Self.text(Self.header + " W1 ,  Ana , downtown ,senior , face ; neck ,3 ,,,,,2026-11-01,,\nab\"c,Ana,downtown,senior,face,3,,,,,2026-11-01,,\n"))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(result.status == 0, "\(result.stderr) \(rejects)")
        #expect(quotes.map { $0["request_id"]! } == ["W1", "ab\"c"])
        #expect(quotes.first?["areas"] == "face;neck" && quotes.first?["client"] == "Ana")
    }

    @Test("a 1 MB field is carried whole")
    func bigField() throws {
        let name = String(repeating: "x", count: 1 << 20)
        let (result, _, quotes, folder) = try batch(Self.text(Self.header + "B1,\"\(name)\",downtown,senior,face,3,,,,,2026-11-01,,\n"))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(result.status == 0)
        #expect(quotes.first?["client"]?.count == 1 << 20)
    }

    @Test("10,000 columns: the unknown ones are ignored with one short warning")
    func tenThousandColumns() throws {
        let extra = (0..<9_987).map { "c\($0)" }
        let header: String = String(Self.header.dropLast()) + "," + extra.joined(separator: ",") + "\n"
        let row: String = String(Self.good.dropLast()) + "," + extra.map { _ in "v" }.joined(separator: ",") + "\n"
        let (result, _, quotes, folder) = try batch(Self.text(header + row))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(quotes.count == 1)
        #expect(result.stderr.contains("ignored 9987 unknown columns: c0, c1, c2, c3, c4 and 9982 more"), "\(result.stderr.prefix(300))")
        #expect(result.stderr.utf8.count < 1_000)
    }

    @Test("a header-only file gives empty outputs and status 0")
    func headerOnly() throws {
        let (result, rejects, quotes, folder) = try batch(Self.text(Self.header))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(result.status == 0 && rejects.isEmpty && quotes.isEmpty)
        #expect(result.stderr.contains("0 rows"))
    }

    @Test("rows of only separators, spaces or tabs are skipped as blank lines (issue 10)", arguments: [",,,,,\n", "   \n", "\t\n", ",\t, ,\r\n"])
    func blankLookingRows(_ blank: String) throws {
        let (result, rejects, quotes, folder) = try batch(Self.text(Self.header + blank + Self.good + blank + blank))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(result.status == 0 && rejects.isEmpty && quotes.count == 1, "\(result.stderr) \(rejects)")
        #expect(result.stderr.contains("1 rows: 1 quoted"), "\(result.stderr)")
    }

    @Test("a 40,000-character client is a reject naming its line and field in a workbook batch; the rest is quoted (issue 10)")
    func longClientInWorkbook() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let long = "L1,\(String(repeating: "x", count: 40_000)),downtown,senior,face,3,,,,,2026-11-01,,\n"
        FileManager.default.createFile(atPath: folder + "/r.csv", contents: Data(Self.text(Self.header + Self.good + long + Self.good.replacingOccurrences(of: "OK1", with: "OK2"))))
        let result = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), "r.csv", "--output", "q.xlsx"], in: folder)
        #expect(result.status == 3, "\(result.stderr.prefix(300))")
        let rejects = SimpleCSV.records(file: folder + "/q.rejects.csv")
        #expect(rejects.count == 1 && rejects.first?["line"] == "3")
        #expect(rejects.first?["error"] == "client: is 40,000 characters; a spreadsheet cell holds at most 32,767; shorten it, or write the quotes as CSV")
        #expect(result.stderr.contains("3 rows: 2 quoted -> q.xlsx, 1 rejected"))
    }
}

/// Bad outputs for a good requests file: refused as usage errors (64) before anything is
/// written, the requests file left byte for byte as it was.
extension BadInputTests {
    struct OutputCase: CustomTestStringConvertible, Sendable {
        var name: String
        /// The requests file's name in the folder.
        var requests = "r.csv"
        /// After `batch --pricing P REQUESTS`; `FOLDER` stands for the folder's absolute path.
        var arguments: [String]
        var message: String
        var testDescription: String { name }
    }

    static let outputCases: [OutputCase] = [
        OutputCase(name: "rerunning a rejects file over itself (the default rejects of --output)", requests: "q.rejects.csv",
                   arguments: ["--output", "q.csv"], message: "'q.rejects.csv' is the same file as the requests file 'q.rejects.csv'"),
        OutputCase(name: "--output over the requests file, spelled ./", arguments: ["--output", "./r.csv"],
                   message: "--output './r.csv' is the same file as the requests file 'r.csv'"),
        OutputCase(name: "--rejects over the requests file, spelled by its absolute path", arguments: ["--output", "q.csv", "--rejects", "FOLDER/r.csv"],
                   message: "/r.csv' is the same file as the requests file 'r.csv'"),
        OutputCase(name: "--rejects and --output the same file", arguments: ["--output", "q.csv", "--rejects", "FOLDER/q.csv"],
                   message: "/q.csv' is the same file as --output 'q.csv'"),
        OutputCase(name: "--rejects in another format than CSV", arguments: ["--output", "q.csv", "--rejects", "r.xlsx"],
                   message: "--rejects 'r.xlsx': the rejects are written as CSV"),
        OutputCase(name: "--output in a format batch does not write", arguments: ["--output", "q.json"],
                   message: "--output q.json: unknown output format; name the file with one of .csv, .xlsx"),
    ]

    @Test("each bad output is refused (64) with its message, and the requests file is left as it was", arguments: outputCases)
    func badOutput(_ c: OutputCase) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes = Data((Self.header + Self.good).utf8)
        FileManager.default.createFile(atPath: folder + "/" + c.requests, contents: bytes)
        let arguments = ["batch", "--pricing", Binary.example("pricing.toml"), c.requests]
            + c.arguments.map { $0.replacingOccurrences(of: "FOLDER", with: folder) }
        let result = try Binary.run(arguments, in: folder)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(c.message), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [c.requests], "an output was written")
        #expect(FileManager.default.contents(atPath: folder + "/" + c.requests) == bytes)
    }
}
