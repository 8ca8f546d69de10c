import Foundation
import Testing

/// Batch input that is not what spaquote expects (issue 10): files of another encoding,
/// text lost before spaquote read it, rows that only look filled, and rows or files over
/// the limits of a workbook.
@Suite("Batch input: encodings, blank-looking rows, workbook limits")
struct InputEncodingTests {
    static let header = BadInputTests.header
    static func row(_ id: String, client: String = "Ana") -> String { "\(id),\(client),downtown,senior,face,3,,,,,2026-11-01,,\n" }
    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    struct Run {
        var result: Binary.Result
        var folder: String
        var files: [String]
        var quotes: [[String: String]]
        var rejects: [[String: String]]
    }

    /// Runs a batch of `bytes` (as r.csv) to q.`ext` in a fresh folder.
    static func batch(_ bytes: [UInt8], ext: String = "csv", extra: [String] = []) throws -> Run {
        let folder = Binary.temporaryFolder()
        FileManager.default.createFile(atPath: folder + "/r.csv", contents: Data(bytes))
        let result = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), "r.csv", "--output", "q.\(ext)"] + extra, in: folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let quotes = ext == "csv" ? SimpleCSV.records(file: folder + "/q.csv") : []
        // Keyed by the last of a repeated name (a rejects file of a rejects file has two `error` columns).
        let rows = SimpleCSV.rows((try? String(contentsOfFile: folder + "/q.rejects.csv", encoding: .utf8)) ?? "")
        let rejects = rows.dropFirst().map { Dictionary(zip(rows[0], $0), uniquingKeysWith: { $1 }) }
        return Run(result: result, folder: folder, files: files, quotes: quotes, rejects: rejects)
    }

    struct Encoded: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var line: Int
        /// What the message shows of the bytes.
        var shown: String
        var testDescription: String { name }
    }

    static let good = row("OK1") + row("OK2", client: "Lee Min-jun")
    static let encoded: [Encoded] = [
        Encoded(name: "Windows-1252 (the issue's Zo\\xEB Faure)", bytes: text(header + good + "Z1,Zo") + [0xEB] + text(" Faure,downtown,senior,face,3,,,,,2026-11-01,,\n"),
                line: 4, shown: "the byte \\xEB in \"Zo\\xEB Faure\" is no character of it"),
        Encoded(name: "Latin-1 in the header's second line", bytes: text(header + "L1,Fran") + [0xE7] + text("ois,downtown,senior,face,3,,,,,2026-11-01,,\n" + good),
                line: 2, shown: "\\xE7"),
        Encoded(name: "Windows-1252 curly quotes", bytes: text(header + good + "C1,") + [0x93, 0x41, 0x6E, 0x61, 0x94] + text(",downtown,senior,face,3,,,,,2026-11-01,,\n"),
                line: 4, shown: "\\x93"),
        Encoded(name: "Mac Roman é (8E)", bytes: text(header + "M1,Ren") + [0x8E] + text(",downtown,senior,face,3,,,,,2026-11-01,,\n"), line: 2, shown: "\\x8E"),
        Encoded(name: "UTF-16 little-endian with its BOM", bytes: [0xFF, 0xFE] + Array(String(header + good).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
                line: 1, shown: "UTF-16"),
        Encoded(name: "UTF-16 big-endian with its BOM", bytes: [0xFE, 0xFF] + Array(String(header + good).utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
                line: 1, shown: "UTF-16"),
        Encoded(name: "a lone continuation byte", bytes: text(header + good + "X1,A") + [0x80] + text("na,downtown,senior,face,3,,,,,2026-11-01,,\n"), line: 4, shown: "\\x80"),
        Encoded(name: "an overlong encoding", bytes: text(header + "X2,A") + [0xC1, 0x81] + text(",downtown,senior,face,3,,,,,2026-11-01,,\n"), line: 2, shown: "\\xC1"),
        Encoded(name: "an encoded surrogate", bytes: text(header + "X3,") + [0xED, 0xB2, 0x80] + text(",downtown,senior,face,3,,,,,2026-11-01,,\n"), line: 2, shown: "\\xED"),
        Encoded(name: "after a quoted field of two lines", bytes: text(header + "Q1,\"Ana\nRuiz\",downtown,senior,face,3,,,,,2026-11-01,,\nQ2,Zo") + [0xEB] + text(",downtown,senior,face,3,,,,,2026-11-01,,\n"),
                line: 4, shown: "\\xEB"),
    ]

    @Test("a file that is not UTF-8 is refused whole, once, naming the line and the bytes, with how to save it as UTF-8; nothing is written",
          arguments: encoded, ["csv", "xlsx"])
    func notUTF8(_ c: Encoded, ext: String) throws {
        let run = try Self.batch(c.bytes, ext: ext)
        defer { try? FileManager.default.removeItem(atPath: run.folder) }
        #expect(run.result.status == 1, "\(run.result.stderr)")
        let err = run.result.stderr
        #expect(err.contains("r.csv:\(c.line): the file is not UTF-8 text: "), "\(err)")
        #expect(err.contains(c.shown), "\(err)")
        #expect(err.contains("Excel, File > Save As > CSV UTF-8 (Comma delimited)"))
        #expect(err.contains("LibreOffice, File > Save As, Text CSV") && err.contains("Character set: Unicode (UTF-8)"))
        #expect(err.components(separatedBy: "not UTF-8").count == 2, "said once: \(err)")
        #expect(!err.contains("\u{FFFD}"))
        // No output, visible or not (a hidden temporary file), is written.
        #expect(run.files == ["r.csv"], "nothing written: \(run.files)")
    }

    struct Lost: CustomTestStringConvertible, Sendable {
        var name: String
        var row: String
        var field: String
        var testDescription: String { name }
    }

    static let lost: [Lost] = [
        Lost(name: "the issue's client Zo\\uFFFD Faure", row: "Z1,Zo\u{FFFD} Faure,downtown,senior,face,3,,,,,2026-11-01,,\n", field: "client 'Zo\u{FFFD} Faure'"),
        Lost(name: "a request id", row: "Z\u{FFFD}2,Ana,downtown,senior,face,3,,,,,2026-11-01,,\n", field: "request_id 'Z\u{FFFD}2'"),
        Lost(name: "a client that is only the replacement character", row: "Z3,\u{FFFD},downtown,senior,face,3,,,,,2026-11-01,,\n", field: "client '\u{FFFD}'"),
        Lost(name: "a quoted client with a comma", row: "Z4,\"Lee, Min-j\u{FFFD}n\",downtown,senior,face,3,,,,,2026-11-01,,\n", field: "client 'Lee, Min-j\u{FFFD}n'"),
        Lost(name: "a promotion code", row: "Z5,Ana,downtown,senior,face,3,,,,NEWCLIENT\u{FFFD}50,2026-11-01,,\n", field: "promo 'NEWCLIENT\u{FFFD}50'"),
    ]

    @Test("a field holding U+FFFD (text already lost) rejects its row naming the field; no quote carries it", arguments: lost)
    func replacementCharacter(_ c: Lost) throws {
        let run = try Self.batch(Self.text(Self.header + Self.good + c.row))
        defer { try? FileManager.default.removeItem(atPath: run.folder) }
        #expect(run.result.status == 3, "\(run.result.stderr)")
        #expect(run.quotes.map { $0["request_id"]! } == ["OK1", "OK2"])
        #expect(run.rejects.count == 1)
        #expect(run.rejects.first?["line"] == "4")
        #expect(run.rejects.first?["error"]?.hasPrefix(c.field + ": holds U+FFFD, the replacement character") == true, "\(run.rejects)")
        let quotes = try String(contentsOfFile: run.folder + "/q.csv", encoding: .utf8)
        #expect(!quotes.contains("\u{FFFD}"))
    }

    @Test("the issue's sequence: a Windows-1252 file is refused, and a rejects file of an older spaquote is never quoted on a rerun", arguments: ["csv", "xlsx"])
    func rerunOfOldRejects(ext: String) throws {
        let first = try Self.batch(Self.text(Self.header + Self.good + "W1,Zo") + [0xEB] + Self.text(" Faure,downtown,senior,face,3,,,,,2026-11-01,,\n"), ext: ext)
        defer { try? FileManager.default.removeItem(atPath: first.folder) }
        #expect(first.result.status == 1 && first.files == ["r.csv"], "\(first.files)")   // see notUTF8
        // What an older spaquote wrote to its rejects file for that row.
        let oldRejects = String(Self.header.dropLast()) + ",line,error\nW1,Zo\u{FFFD} Faure,downtown,senior,face,3,,,,,2026-11-01,,,4,the row holds bytes that are not UTF-8 text; save the file as UTF-8\n"
        let rerun = try Self.batch(Self.text(oldRejects), ext: ext)
        defer { try? FileManager.default.removeItem(atPath: rerun.folder) }
        #expect(rerun.result.status == 3, "\(rerun.result.stderr)")
        #expect(rerun.rejects.first?["error"]?.hasPrefix("client 'Zo\u{FFFD} Faure': holds U+FFFD") == true)
        #expect(rerun.result.stderr.contains("1 rows: 0 quoted"), "\(rerun.result.stderr)")
    }

    @Test("rows of only separators, spaces or tabs are blank lines: skipped, not counted, later lines still named right", arguments: [
        ",,,,,,,,,,,,\n", ",,,,,\n", "   \n", "\t\n", " , ,\t, \n", ",,,,,,,,,,,,\r\n", "\"\",\"\",\n",
    ])
    func blankLookingRows(_ blank: String) throws {
        let text = Self.header + blank + Self.row("OK1") + blank + blank + "B1,Ana,nowhere,senior,face,3,,,,,2026-11-01,,\n" + blank
        let run = try Self.batch(Self.text(text))
        defer { try? FileManager.default.removeItem(atPath: run.folder) }
        #expect(run.result.status == 3, "\(run.result.stderr)")
        #expect(run.result.stderr.contains("2 rows: 1 quoted"), "\(run.result.stderr)")
        #expect(run.quotes.map { $0["request_id"]! } == ["OK1"])
        #expect(run.rejects.map { $0["request_id"]! } == ["B1"] && run.rejects.first?["line"] == "6")
    }

    @Test("a row with separators and one filled field is a row, rejected with its reason", arguments: [
        ",,,,x,,\n", "x,,,,,\n", ",,,,,,,,,,,,y\n", " ,\t,downtown,,,\n",
    ])
    func nearlyBlankRows(_ row: String) throws {
        let run = try Self.batch(Self.text(Self.header + row + Self.row("OK1")))
        defer { try? FileManager.default.removeItem(atPath: run.folder) }
        #expect(run.result.status == 3)
        #expect(run.rejects.count == 1 && run.rejects.first?["line"] == "2", "\(run.rejects)")
        #expect(run.result.stderr.contains("2 rows: 1 quoted"))
    }

    struct TooLong: CustomTestStringConvertible, Sendable {
        var name: String
        var row: String
        var message: String
        var testDescription: String { name }
    }

    static let tooLong: [TooLong] = [
        TooLong(name: "a 40,000-character client", row: "L1,\(String(repeating: "x", count: 40_000)),downtown,senior,face,3,,,,,2026-11-01,,\n",
                message: "client: is 40,000 characters; a spreadsheet cell holds at most 32,767"),
        TooLong(name: "a 32,768-character client", row: "L2,\"\(String(repeating: "y", count: 32_768))\",downtown,senior,face,3,,,,,2026-11-01,,\n",
                message: "client: is 32,768 characters"),
        TooLong(name: "a client of 16,384 emoji (32,768 UTF-16 units)", row: "L3,\(String(repeating: "🌸", count: 16_384)),downtown,senior,face,3,,,,,2026-11-01,,\n",
                message: "client: is 32,768 characters"),
        TooLong(name: "a 33,000-character request id", row: "\(String(repeating: "R", count: 33_000)),Ana,downtown,senior,face,3,,,,,2026-11-01,,\n",
                message: "request_id: is 33,000 characters"),
    ]

    @Test("a row over a cell's limit is a reject naming its input line and field; the rest is quoted in the workbook", arguments: tooLong)
    func cellLimit(_ c: TooLong) throws {
        let text = Self.header + Self.row("OK1") + c.row + Self.row("OK2", client: String(repeating: "z", count: 32_767))
        let run = try Self.batch(Self.text(text), ext: "xlsx")
        defer { try? FileManager.default.removeItem(atPath: run.folder) }
        #expect(run.result.status == 3, "\(run.result.stderr.prefix(500))")
        #expect(run.files == ["q.rejects.csv", "q.xlsx", "r.csv"])
        #expect(run.rejects.count == 1 && run.rejects.first?["line"] == "3")
        #expect(run.rejects.first?["error"]?.hasPrefix(c.message) == true, "\(run.rejects.first?["error"]?.prefix(200) ?? "")")
        #expect(run.result.stderr.contains("3 rows: 2 quoted -> q.xlsx, 1 rejected"), "\(run.result.stderr.prefix(500))")
        // The same row to CSV, which has no such limit, is quoted.
        let csv = try Self.batch(Self.text(text), ext: "csv")
        defer { try? FileManager.default.removeItem(atPath: csv.folder) }
        #expect(csv.result.status == 0 && csv.quotes.count == 3)
    }

    @Test("more rows than a worksheet holds are refused before any work, saying to write CSV or split the file", arguments: [
        ("x\n", 1_048_576), ("x\r\n", 1_048_577), ("\"a\nb\"\n", 1_048_576),
    ])
    func tooManyRows(row: String, count: Int) throws {
        var bytes = Self.text("request_id,location,tier,areas,sessions\n")
        bytes.reserveCapacity(count * row.utf8.count + 64)
        for _ in 0..<count { bytes += row.utf8 }
        let started = Date()
        let run = try Self.batch(bytes, ext: "xlsx")
        defer { try? FileManager.default.removeItem(atPath: run.folder) }
        #expect(run.result.status == 1)
        let grouped = count == 1_048_576 ? "1,048,576" : "1,048,577"
        #expect(run.result.stderr.contains("r.csv: has more data rows than a worksheet holds: \(grouped) counted, at most 1,048,575 fit under its header row; nothing was written; write the quotes as CSV"),
                "\(run.result.stderr)")
        #expect(run.result.stderr.contains("or split the file into parts of at most 1,048,575 rows"))
        #expect(run.files == ["r.csv"])
        #expect(Date().timeIntervalSince(started) < 60, "refused before the work")
    }

    @Test("from a pipe, which cannot be counted first, the batch stops at the first row a worksheet cannot hold; nothing is written")
    func tooManyRowsFromAPipe() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var bytes = Self.text("request_id,location,tier,areas,sessions\n")
        for _ in 0..<1_048_576 { bytes += [0x78, 0x0A] }
        let input = folder + "/r.csv"
        FileManager.default.createFile(atPath: input, contents: Data(bytes))
        let shell = "cat r.csv | '\(Binary.path)' batch --pricing '\(Binary.example("pricing.toml"))' /dev/stdin --output q.xlsx --rejects q.rejects.csv"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", shell]
        p.currentDirectoryURL = URL(fileURLWithPath: folder)
        let err = Pipe()
        p.standardError = err
        try p.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1, "\(stderr)")
        #expect(stderr.contains("/dev/stdin: has more data rows than a worksheet holds: 1,048,576 counted, at most 1,048,575 fit"), "\(stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files == ["r.csv"])
    }
}
