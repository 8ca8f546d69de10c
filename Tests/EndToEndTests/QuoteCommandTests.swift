import Foundation
import Testing

@Suite("spaquote quote, end to end")
struct QuoteCommandTests {
    static let requests = SimpleCSV.records(file: Binary.example("requests.csv"))
    static let expected = SimpleCSV.records(file: Binary.example("expected-quotes.csv"))
    static let badRequests = SimpleCSV.records(file: Binary.example("requests-bad.csv"))

    /// The `spaquote quote` arguments for a requests-CSV row.
    static func arguments(_ r: [String: String]) -> [String] {
        var args = ["quote", "--pricing", Binary.example("pricing.toml"), "--request-id", r["request_id"]!,
                    "--location", r["location"]!, "--tier", r["tier"]!,
                    "--areas", r["areas"]!.replacingOccurrences(of: ";", with: ","), "--sessions", r["sessions"]!]
        let optional = [("client", "--client"), ("spacing_weeks", "--spacing-weeks"), ("start_date", "--start"),
                        ("promo", "--promo"), ("quote_date", "--date"), ("status", "--status"), ("accepted_on", "--accepted-on")]
        for (column, flag) in optional { if let v = r[column], !v.isEmpty { args += [flag, v] } }
        for addon in (r["addons"] ?? "").split(separator: ";") { args += ["--addon", String(addon)] }
        return args
    }

    @Test("each example request's JSON quote matches expected-quotes.csv field for field",
          arguments: zip(requests, expected))
    func matchesExpected(request: [String: String], expected: [String: String]) throws {
        let result = try Binary.run(Self.arguments(request) + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for (column, want) in expected {
            let got: String
            switch json[column] {
            case let s as String: got = s
            case let n as NSNumber: got = n.stringValue
            case is NSNull, nil: got = ""
            case let other?: got = "\(other)"
            }
            #expect(got == want, "\(expected["request_id"]!) \(column)")
        }
        let installments = try #require(json["installments"] as? [[String: Any]])
        #expect(installments.count == Int(expected["sessions"]!))
        let sessions = try #require(json["schedule"] as? [[String: Any]])
        #expect(sessions.first?["date"] as? String == expected["first_session"])
        #expect(sessions.last?["date"] as? String == expected["last_session"])
    }

    @Test("each bad example request is refused naming its flag and value as typed", arguments: badRequests.filter { $0["request_id"]!.hasPrefix("BAD") })
    func rejectsBad(request: [String: String]) throws {
        let result = try Binary.run(Self.arguments(request) + ["--format", "json"])
        #expect(result.status == 3)
        #expect(result.stdout.isEmpty)
        // The command line names the flag the clerk typed, not the CSV column behind it.
        let expectations: [String: (flag: String, value: String)] = [
            "BAD01": ("--location 'midtown'", "midtown"), "BAD02": ("--sessions '7'", "7"),
            "BAD03": ("--spacing-weeks '3'", "3"), "BAD04": ("--promo 'NEWCLIENT50'", "NEWCLIENT50"),
            "BAD05": ("--start '2026-10-30'", "2026-10-30"), "BAD06": ("--date '2026-09-30'", "2026-09-30"),
            "BAD07": ("--areas 'face,chin'", "chin"), "BAD08": ("--areas 'face,face'", "face"),
            "BAD09": ("--sessions 'three'", "three"), "BAD10": ("--promo 'RIVER15'", "RIVER15"),
            "BAD11": ("--promo 'NEWCLIENT50'", "NEWCLIENT50"), "BAD12": ("--accepted-on", "accepted"),
            "BAD13": ("--addon 'botox'", "botox"), "BAD14": ("--tier 'intern'", "intern"),
        ]
        let want = try #require(expectations[request["request_id"]!])
        #expect(result.stderr.contains(want.flag), "\(result.stderr)")
        #expect(result.stderr.contains(want.value), "\(result.stderr)")
        for column in ["spacing_weeks", "start_date", "quote_date", "accepted_on", "request_id"] {
            #expect(!result.stderr.contains(column), "\(result.stderr)")
        }
    }

    @Test("the terminal quote shows the waterfall, installments and sessions")
    func table() throws {
        let result = try Binary.run(Self.arguments(Self.requests[1]))
        #expect(result.status == 0)
        for text in ["Session price (capped at the ceiling)", "700.00", "Total", "3630.00", "Tuesday", "moved from 2026-11-08 (closed)"] {
            #expect(result.stdout.contains(text), "missing \(text)")
        }
    }

    @Test("pricing validate passes the example and lists every problem of a broken card")
    func validate() throws {
        let ok = try Binary.run(["pricing", "validate", Binary.example("pricing.toml")])
        #expect(ok.status == 0 && ok.stdout.contains("OK"))
        let folder = Binary.temporaryFolder()
        let broken = folder + "/broken.toml"
        let text = try String(contentsOfFile: Binary.example("pricing.toml"), encoding: .utf8)
            .replacingOccurrences(of: "senior = 375,", with: "senior = 375.555,")
            .replacingOccurrences(of: "closed_weekdays = [\"sunday\", \"monday\"]", with: "closed_weekdays = [\"sundy\"]")
        try text.write(toFile: broken, atomically: true, encoding: .utf8)
        let bad = try Binary.run(["pricing", "validate", broken])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("\(broken): locations.downtown.rates.senior"))
        #expect(bad.stderr.contains("\(broken): locations.uptown.closed_weekdays[1]"))
    }

    @Test("pricing show prints the grid a sales person reads")
    func show() throws {
        let r = try Binary.run(["pricing", "show", Binary.example("pricing.toml")])
        #expect(r.status == 0)
        #expect(r.stdout.contains("399.99") && r.stdout.contains("NEWCLIENT50") && r.stdout.contains("12.5%"))
    }
}
