import Foundation
import Testing

@Suite("Client quote PDF from the command line: quote --output FILE.pdf and batch --client-quotes DIR")
struct ClientQuotePDFCommandTests {
    static let quoteArguments = ["quote", "--pricing", Binary.example("pricing.toml"), "--location", "uptown", "--tier", "physician",
                                 "--areas", "face,neck,scalp", "--sessions", "6", "--spacing-weeks", "5", "--start", "2026-11-08",
                                 "--addon", "numbing", "--addon", "growth_serum", "--date", "2026-11-01"]

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
    static func names(_ folder: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() }

    static let environments: [[String: String]] = [
        ["LANG": "ja_JP.UTF-8"], ["LC_ALL": "zh_TW.UTF-8"], ["LANGUAGE": "ko:ja"], ["PANGO_LANGUAGE": "ja"],
        ["TZ": "Pacific/Kiritimati"], ["FC_LANG": "ko"], ["LANG": "ar_EG.UTF-8", "TZ": "America/Adak"],
    ]

    @Test("quote --output q.pdf: one page, the same bytes whatever the time zone, locale or language",
          arguments: environments)
    func sameBytesAnyEnvironment(environment: [String: String]) throws {
        let folder = Binary.temporaryFolder()
        let arguments = Self.quoteArguments + ["--client", "王小明 山田はなこ محمد דוד Ζωή Иван Zoë"]
        let plain = try Binary.run(arguments + ["--output", "a.pdf"], in: folder, environment: ["LANG": "C.UTF-8", "TZ": "UTC"])
        #expect(plain.status == 0, "\(plain.stderr)")
        let other = try Binary.run(arguments + ["--output", "b.pdf"], in: folder, environment: environment)
        #expect(other.status == 0, "\(other.stderr)")
        let a = try #require(Self.bytes(folder + "/a.pdf")), b = try #require(Self.bytes(folder + "/b.pdf"))
        #expect(a == b, "\(environment) changed the PDF")
        #expect(a.starts(with: Data("%PDF-".utf8)))
    }

    @Test("--format pdf needs --output, and --output q.pdf with another --format is refused",
          arguments: [(["--format", "pdf"], "--format pdf needs --output FILE.pdf"),
                      (["--format", "json", "--output", "q.pdf"], "names PDF")])
    func usage(extra: [String], message: String) throws {
        let folder = Binary.temporaryFolder()
        let r = try Binary.run(Self.quoteArguments + extra, in: folder)
        #expect(r.status == 64)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(Self.names(folder).isEmpty)
    }

    @Test("batch --client-quotes DIR writes one PDF per quote, named by its id, the same bytes on a rerun")
    func batch() throws {
        let folder = Binary.temporaryFolder()
        let pdfs = folder + "/pdf"
        try FileManager.default.createDirectory(atPath: pdfs, withIntermediateDirectories: false)
        let arguments = ["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"), "--output", "q.csv",
                         "--client-quotes", "pdf", "--date", "2026-11-01"]
        let r = try Binary.run(arguments, in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        let ids = SimpleCSV.records(try String(contentsOfFile: folder + "/q.csv", encoding: .utf8)).compactMap { $0["quote_id"] }
        #expect(ids.count == 5)
        #expect(Self.names(pdfs) == ids.map { $0 + ".pdf" }.sorted())
        let first = ids.map { Self.bytes(pdfs + "/\($0).pdf") }
        let again = try Binary.run(arguments, in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(ids.map { Self.bytes(pdfs + "/\($0).pdf") } == first)
        #expect(Self.names(pdfs).count == 5, "no staging folder left: \(Self.names(pdfs))")
    }

    @Test("batch --client-quotes naming a folder that does not exist, or a file: a clear error and no output at all",
          arguments: ["missing", "missing/deeper", "requests.csv"])
    func badFolder(name: String) throws {
        let folder = Binary.temporaryFolder()
        try FileManager.default.copyItem(atPath: Binary.example("requests.csv"), toPath: folder + "/requests.csv")
        let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), "requests.csv", "--output", "q.csv",
                                "--client-quotes", name, "--date", "2026-11-01"], in: folder)
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(name): cannot write: the client quotes folder"), "\(r.stderr)")
        #expect(Self.names(folder) == ["requests.csv"])
    }

    @Test("a failed batch leaves no PDF and no staging folder: a rejects file or a ledger that cannot be written",
          arguments: [["--rejects", "no-such-folder/r.csv"], ["--save", "--ledger", "no-such-folder/l.sqlite"]])
    func failedBatchLeavesNone(extra: [String]) throws {
        let folder = Binary.temporaryFolder()
        let pdfs = folder + "/pdf"
        try FileManager.default.createDirectory(atPath: pdfs, withIntermediateDirectories: false)
        let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), Binary.example("requests.csv"), "--output", "q.csv",
                                "--client-quotes", "pdf", "--date", "2026-11-01"] + extra, in: folder)
        #expect(r.status != 0)
        #expect(r.stderr.contains("no-such-folder"), "\(r.stderr)")
        #expect(Self.names(pdfs).isEmpty, "\(Self.names(pdfs))")
        #expect(Self.names(folder) == ["pdf"])
    }
}
