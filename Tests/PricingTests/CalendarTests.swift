import Testing
@testable import Pricing

@Suite("Dates")
struct CalendarTests {
    @Test("impossible or malformed dates do not parse", arguments: ["2026-02-30", "2026-13-01", "2026-00-10", "2026-1-5", "26-01-05", "2026/01/05", "", "2025-02-29",
                                                                                "2026-11-01 ", "2026-11-0a", "+026-11-01", "２０２６-11-01", "2026-11-1\u{0301}", "0000-01-01"])
    func rejects(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test("real dates round-trip", arguments: ["2026-11-01", "2028-02-29", "2000-02-29", "1970-01-01", "9999-12-31", "0001-01-01"])
    func roundTrip(text: String) {
        #expect(LocalDate(iso: text)?.description == text)
    }

    @Test("a date inside a longer text parses from a substring, and from bytes")
    func slices() {
        let line = "x;2026-11-26;y"
        let parts = line.split(separator: ";")
        #expect(LocalDate(iso: parts[1])?.description == "2026-11-26")
        #expect(LocalDate(iso: parts[0]) == nil)
        var text = "2027-01-31"
        #expect(text.withUTF8 { LocalDate(isoUTF8: $0) } == LocalDate(year: 2027, month: 1, day: 31))
    }

    @Test("a weekday's display name is its rate-card name with a capital", arguments: Weekday.allCases)
    func displayName(_ day: Weekday) {
        #expect(day.displayName == day.rawValue.prefix(1).uppercased() + day.rawValue.dropFirst())
    }

    @Test("weekdays are right", arguments: [("2026-11-08", Weekday.sunday), ("2026-11-10", .tuesday), ("1970-01-01", .thursday), ("2026-11-26", .thursday)])
    func weekday(text: String, expected: Weekday) {
        #expect(day(text).weekday == expected)
    }

    @Test("adding days crosses months and years")
    func adding() {
        #expect(day("2026-12-28").adding(days: 7).description == "2027-01-04")
        #expect(day("2028-02-28").adding(days: 1).description == "2028-02-29")
        #expect(day("2026-11-01").days(to: day("2026-12-01")) == 30)
    }

    @Test("months parse, step and bound")
    func months() {
        let m = YearMonth(iso: "2026-12")!
        #expect(m.next?.description == "2027-01")
        #expect(m.lastDay.description == "2026-12-31")
        #expect(YearMonth(iso: "2026-13") == nil)
        #expect(YearMonth(iso: "2028-02")!.lastDay.description == "2028-02-29")
    }
}
