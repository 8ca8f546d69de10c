import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The quote priced through the web (`POST /api/v1/price`) for each worked example equals
/// `spaquote quote --format json` for the same request, field for field (issue 12).
@Suite("serve: the worked examples priced through the web")
struct ServeExamplesTests {
    /// The folders of worked examples: the package's, and the shared ones beside the
    /// package when they are there.
    static let folders: [String] = {
        let shared = Binary.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/examples").path
        let hasShared = FileManager.default.fileExists(atPath: shared + "/requests.csv")
        return [Binary.packageRoot.appendingPathComponent("Examples").path] + (hasShared ? [shared] : [])
    }()

    /// The request fields of a row of requests.csv (status and acceptance are history, not
    /// a price request's: both sides leave them out).
    static let fields = ["request_id", "client", "location", "tier", "areas", "sessions", "spacing_weeks",
                         "start_date", "addons", "promo", "quote_date"]

    /// The JSON body of `row` for the API: lists as arrays, numbers as numbers, empty fields left out.
    static func body(_ row: [String: String]) throws -> String {
        var object: [String: Any] = [:]
        for name in fields {
            guard let value = row[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { continue }
            switch name {
            case "areas", "addons": object[name] = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            case "sessions", "spacing_weeks": object[name] = Int(value) ?? value
            default: object[name] = value
            }
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// The command line of `row` for `spaquote quote --format json`.
    static func arguments(_ row: [String: String], pricing: String) -> [String] {
        let value = { (name: String) -> String? in row[name].flatMap { $0.isEmpty ? nil : $0 } }
        var a = ["quote", "--pricing", pricing, "--format", "json", "--location", value("location") ?? "",
                 "--tier", value("tier") ?? "", "--areas", (value("areas") ?? "").replacingOccurrences(of: ";", with: ","),
                 "--sessions", value("sessions") ?? ""]
        let options = [("request_id", "--request-id"), ("client", "--client"), ("spacing_weeks", "--spacing-weeks"),
                       ("start_date", "--start"), ("promo", "--promo"), ("quote_date", "--date")]
        for (name, option) in options { if let v = value(name) { a += [option, v] } }
        for addon in (value("addons") ?? "").split(separator: ";") { a += ["--addon", String(addon)] }
        return a
    }

    static func object(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// A JSON value written back as sorted JSON text, to compare values of any kind; nil when absent.
    static func canonical(_ value: Any?) -> String? {
        guard let value, let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    @Test("Every worked example priced by POST /api/v1/price equals spaquote quote --format json, field for field",
          arguments: folders)
    func examples(folder: String) async throws {
        let work = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let ledger = work + "/l.sqlite", pricing = folder + "/pricing.toml"
        #expect(try ServeTests.addUser("examples", locations: nil, ledger: ledger, in: ""), "user add examples (every location)")
        let token = try Binary.run(["user", "token", "examples", "--ledger", ledger]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!token.isEmpty)
        let server = try ServeTests.Server(ledger: ledger, pricing: pricing)
        defer { if server.process.isRunning { _ = server.stop() } }
        let rows = SimpleCSV.records(try String(contentsOfFile: folder + "/requests.csv", encoding: .utf8))
        #expect(rows.count >= 5)
        for row in rows {
            let id = row["request_id"] ?? "?"
            let (status, _, web) = try await ServeTests.request(server.port, "POST", "/api/v1/price", body: try Self.body(row),
                                                                headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"])
            let cli = try Binary.run(Self.arguments(row, pricing: pricing))
            #expect(status == 200, "\(id): \(web)")
            #expect(cli.status == 0, "\(id): \(cli.stderr)")
            let webObject = try #require(Self.object(web), "\(id): \(web)")
            let cliObject = try #require(Self.object(cli.stdout), "\(id): \(cli.stdout)")
            #expect(webObject["request_id"] as? String == id)
            #expect(Set(webObject.keys) == Set(cliObject.keys), "\(id)")
            for key in cliObject.keys.sorted() {
                let webValue = Self.canonical(webObject[key]), cliValue = Self.canonical(cliObject[key])
                #expect(cliValue != nil && webValue == cliValue, "\(id): \(key)")
            }
            #expect(web == cli.stdout, "\(id): the bytes differ")
        }
        #expect(server.stop() == 0)
    }
}
