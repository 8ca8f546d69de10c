import Foundation
import Testing

/// Issue 10, crashes, through the binary: extreme amounts on a rate card, dates past
/// 9999-12-31 and monthly reports over any range. Each case exits with a message naming
/// the key or field (or succeeds), never with a trap (exit 132/133, signal 4/5).
@Suite("Arithmetic limits, end to end")
struct ArithmeticLimitTests {
    static let baseCard = Binary.packageRoot.appendingPathComponent("Tests/PricingTests/Fixtures/base.toml").path

    static func write(_ text: String, _ name: String, in folder: String) -> String {
        let path = folder + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    static func base() -> String { (try? String(contentsOfFile: baseCard, encoding: .utf8)) ?? "" }

    static func noTrap(_ r: Binary.Result) -> Bool { ![4, 5, 132, 133, 134, 139].contains(r.status) }

    @Test("a card with an amount above 1,000,000,000.00 is refused by validate, quote and batch, naming the key", arguments: [
        ("surcharge = 0", "surcharge = 90000000000000000", "areas.face.surcharge"),
        ("price = 89.95", "price = 1000000000.01", "addons.kit.price"),
        ("senior = 375", "senior = 92233720368547758.07", "locations.downtown.rates.senior"),
        ("[promotions.SAVE10]\npercent = 10", "[promotions.SAVE10]\namount = 5000000000", "promotions.SAVE10.amount"),
        ("deposit_percent = 20", "deposit_percent = 20\nsession_price_ceiling = 1000000000.01", "rules.session_price_ceiling"),
    ])
    func amountRefused(old: String, new: String, key: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let card = Self.write(Self.base().replacingOccurrences(of: old, with: new), "card.toml", in: folder)
        let requests = Self.write("request_id,location,tier,areas,sessions,quote_date\nR1,downtown,senior,face,3,2026-03-01\n",
                                  "r.csv", in: folder)
        let runs = [
            try Binary.run(["pricing", "validate", card]),
            try Binary.run(["quote", "--pricing", card, "--location", "downtown", "--tier", "senior", "--areas", "face",
                            "--sessions", "3", "--date", "2026-03-01"]),
            try Binary.run(["batch", "--pricing", card, requests, "--output", folder + "/q.csv"], in: folder),
        ]
        for r in runs {
            #expect(Self.noTrap(r) && r.status != 0, "\(r.status) \(r.stderr)")
            #expect(r.stderr.contains(key) && r.stderr.contains("largest amount"), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/q.csv"))
    }

    @Test("a card at 1,000,000,000.00 prices the largest plan it allows")
    func amountAtLimit() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = Self.base().replacingOccurrences(of: "surcharge = 0", with: "surcharge = 1000000000")
            .replacingOccurrences(of: "price = 89.95", with: "price = 1000000000")
            .replacingOccurrences(of: "deposit_percent = 20", with: "deposit_percent = 20\nsession_price_ceiling = 1000000000")
        let card = Self.write(text, "card.toml", in: folder)
        let r = try Binary.run(["quote", "--pricing", card, "--location", "downtown", "--tier", "senior", "--areas", "face",
                                "--sessions", "6", "--addon", "kit", "--date", "2026-03-01", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["session_price"] as? String == "1000000000.00")
    }

    /// The base card without an end date, valid `validDays` days, closed on `closed`.
    static func openEnded(in folder: String, validDays: Int = 30, closed: String = "sunday") -> String {
        let text = base().replacingOccurrences(of: "effective_until = 2026-12-31\n", with: "")
            .replacingOccurrences(of: "deposit_percent = 20", with: "deposit_percent = 20\nquote_valid_days = \(validDays)\nspacing_weeks_min = 1")
            .replacingOccurrences(of: "closed_weekdays = [\"sunday\"]", with: "closed_weekdays = [\"\(closed)\"]")
        return write(text, "open.toml", in: folder)
    }

    @Test("quote refuses a date past 9999-12-31 naming the flag of the field", arguments: [
        (30, "sunday", ["--sessions", "6", "--start", "9999-12-01", "--spacing-weeks", "6", "--date", "9999-11-01"], "--spacing-weeks"),
        (30, "sunday", ["--sessions", "1", "--date", "9999-12-31"], "--date"),
        (30, "sunday", ["--sessions", "1", "--date", "9999-12-05"], "--date"),
        (0, "sunday", ["--sessions", "3", "--date", "9999-12-20"], "--sessions"),
        (0, "friday", ["--sessions", "1", "--start", "9999-12-31", "--date", "9999-12-30"], "--start"),
        (0, "friday", ["--sessions", "1", "--date", "9999-12-31"], "--date"),
        (0, "sunday", ["--sessions", "2", "--start", "9999-12-20", "--spacing-weeks", "2", "--date", "9999-12-01"], "--spacing-weeks"),
    ])
    func datesRefused(validDays: Int, closed: String, arguments: [String], flag: String) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let card = Self.openEnded(in: folder, validDays: validDays, closed: closed)
        let r = try Binary.run(["quote", "--pricing", card, "--location", "downtown", "--tier", "senior", "--areas", "face"] + arguments)
        #expect(r.status == 3, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("\(flag) '") && r.stderr.contains("9999-12-31"), "\(r.stderr)")
        #expect(!r.stdout.contains("0000-") && !r.stdout.contains("10000-"))
    }

    @Test("quote prices a plan that ends on 9999-12-31")
    func endsOnLastDate() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let card = Self.openEnded(in: folder, validDays: 0)
        let r = try Binary.run(["quote", "--pricing", card, "--location", "downtown", "--tier", "senior", "--areas", "face",
                                "--sessions", "5", "--start", "9999-12-03", "--spacing-weeks", "1", "--date", "9999-12-01", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("9999-12-31") && !r.stdout.contains("0000-"))
    }

    @Test("batch rejects rows whose dates would pass 9999-12-31, naming the field, and quotes the rest")
    func batchDates() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let card = Self.openEnded(in: folder, closed: "friday")
        let requests = Self.write("""
            request_id,location,tier,areas,sessions,quote_date,start_date,spacing_weeks
            A,downtown,senior,face,3,9999-12-31,,
            B,downtown,senior,face,6,9999-11-01,9999-12-01,6
            C,downtown,senior,face,1,2026-05-01,,
            D,downtown,senior,face,1,9999-11-01,9999-12-31,
            E,downtown,senior,face,6,9999-10-01,,

            """, "r.csv", in: folder)
        let r = try Binary.run(["batch", "--pricing", card, requests, "--output", folder + "/q.csv"], in: folder)
        #expect(r.status == 3, "\(r.stderr)")
        let quotes = SimpleCSV.records(file: folder + "/q.csv")
        let rejects = SimpleCSV.records(file: folder + "/q.rejects.csv")
        #expect(quotes.map { $0["request_id"] } == ["C"])
        let fields = Dictionary(uniqueKeysWithValues: rejects.map { ($0["request_id"] ?? "", String(($0["error"] ?? "").prefix { $0 != " " })) })
        #expect(fields == ["A": "quote_date", "B": "spacing_weeks", "D": "start_date", "E": "sessions"])
    }

    /// Saves the two accepted quotes (and two more) in a ledger in `folder`.
    static func ledger(in folder: String) throws -> String {
        let requests = write("""
            request_id,location,tier,areas,sessions,quote_date,status,accepted_on
            O1,downtown,senior,face,3,2026-10-05,accepted,2026-10-06
            D1,downtown,senior,face,3,2026-12-05,accepted,2026-12-06
            L1,uptown,associate,face,6,2026-11-10,accepted,2027-03-01
            Q1,downtown,senior,face,4,2027-01-10,quoted,

            """, "R.csv", in: folder)
        let r = try Binary.run(["batch", "--pricing", Binary.example("pricing.toml"), requests, "--output", folder + "/q.csv",
                                "--save", "--ledger", folder + "/L.sqlite"], in: folder)
        #expect(r.status == 0, "\(r.stderr)")
        return folder + "/L.sqlite"
    }

    @Test("report monthly over ranges before, around and after every acceptance", arguments: [
        ("2026-10", nil, 1), ("2026-10", "2026-11", 2), ("2026-12", nil, 1), ("2027-01", "2027-02", 2), ("2027-03", "2027-12", 10),
        ("2026-01", "2026-09", 9), ("2028-01", "2030-12", 36), ("0001-01", "0001-12", 12), ("9999-12", nil, 1), ("0001-01", "9999-12", 119_988),
    ] as [(String, String?, Int)])
    func reportRanges(from: String, to: String?, months: Int) throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Self.ledger(in: folder)
        let r = try Binary.run(["report", "monthly", "--from", from] + (to.map { ["--to", $0] } ?? [])
                               + ["--output", folder + "/m.csv", "--ledger", ledger], in: folder)
        #expect(r.status == 0, "\(r.status) \(r.stderr)")
        let rows = SimpleCSV.records(file: folder + "/m.csv")
        let all = rows.filter { $0["location"] == "ALL" }
        #expect(all.count == months)
        #expect(all.first?["month"] == from && all.last?["month"] == (to ?? from))
        if from == "2026-10" && to == nil {
            // Only O1 counts in October; D1, accepted in December, adds nothing.
            #expect(all.first?["quotes_accepted"] == "1" && all.first?["quotes_issued"] == "1")
        }
    }

    @Test("report monthly as XLSX over a range after every acceptance and over the last month")
    func reportXLSX() throws {
        let folder = Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ledger = try Self.ledger(in: folder)
        for (from, to) in [("2026-10", "2026-10"), ("9999-12", "9999-12"), ("2030-01", "2030-03")] {
            let r = try Binary.run(["report", "monthly", "--from", from, "--to", to, "--output", folder + "/m.xlsx", "--ledger", ledger], in: folder)
            #expect(r.status == 0, "\(from) \(r.status) \(r.stderr)")
        }
    }
}
