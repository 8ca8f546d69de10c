import Testing
@testable import Pricing
@testable import Reports

/// The limits of the XLSX format a row meets (issue 10): a row over one is a reject naming
/// its field, the rest of the workbook is written.
@Suite("XLSX per-row limits")
struct XLSXLimitsTests {
    func textReason(_ s: String) -> String? {
        var check = XLSXLimits.Check()
        check.text(s)
        return check.reason
    }

    @Test("text up to 32,767 characters fits a cell, as Excel counts them (UTF-16 units)", arguments: [
        String(repeating: "x", count: 32_767), String(repeating: "é", count: 32_767), String(repeating: "李", count: 32_767),
        String(repeating: "🌸", count: 16_383) + "x", "", "Zoë Faure",
    ])
    func fits(_ s: String) { #expect(textReason(s) == nil) }

    @Test("longer text is refused with its length", arguments: [
        (String(repeating: "x", count: 32_768), "32,768"), (String(repeating: "x", count: 40_000), "40,000"),
        (String(repeating: "é", count: 32_768), "32,768"), (String(repeating: "🌸", count: 16_384), "32,768"),
        (String(repeating: "a", count: 1 << 20), "1,048,576"),
    ])
    func refused(s: String, length: String) {
        #expect(textReason(s) == "is \(length) characters; a spreadsheet cell holds at most 32,767; shorten it, or write the quotes as CSV")
    }

    @Test("a list is measured joined by ';'", arguments: [
        ([String(repeating: "a", count: 16_383), String(repeating: "b", count: 16_383)], true),
        ([String(repeating: "a", count: 16_383), String(repeating: "b", count: 16_384)], false),
        (Array(repeating: "face", count: 6_553) + ["fa"], true),     // 6,553 x 5 + 2 = 32,767
        (Array(repeating: "face", count: 6_554), false),             // 32,769
    ])
    func lists(items: [String], fits: Bool) {
        var check = XLSXLimits.Check()
        check.list(items)
        #expect((check.reason == nil) == fits)
    }

    @Test("amounts beyond 15 digits and dates outside 1900 to 9999 are refused", arguments: [
        (Money(cents: 999_999_999_999_999), true), (Money(cents: -999_999_999_999_999), true),
        (Money(cents: 1_000_000_000_000_000), false), (Money(cents: -1_000_000_000_000_000), false), (Money(cents: .max), false),
    ])
    func amounts(money: Money, fits: Bool) {
        var check = XLSXLimits.Check()
        check.money(money)
        #expect((check.reason == nil) == fits)
    }

    @Test("dates a cell shows", arguments: [("1900-01-01", true), ("9999-12-31", true), ("1899-12-31", false), ("0001-01-01", false), ("2026-11-01", true)])
    func dates(text: String, fits: Bool) throws {
        var check = XLSXLimits.Check()
        check.date(try #require(LocalDate(iso: text)))
        #expect((check.reason == nil) == fits)
    }

    @Test("numbers are grouped by thousands", arguments: [(0, "0"), (999, "999"), (1_000, "1,000"), (32_767, "32,767"), (1_048_575, "1,048,575"), (-40_000, "-40,000")])
    func grouped(n: Int, text: String) { #expect(XLSXLimits.grouped(n) == text) }
}

@Suite("Workbook header labels")
struct XLSXLabelsTests {
    @Test("column names become labels for people", arguments: [
        ("quote_id", "Quote ID"), ("request_id", "Request ID"), ("session_list_price", "Session list price"),
        ("addons_total", "Add-ons total"), ("quotes_issued", "Quotes issued"), ("conversion_rate", "Conversion rate"),
        ("deferred_revenue_end", "Deferred revenue (month end)"), ("month", "Month"), ("accepted_on", "Accepted on"),
        ("series_discount_percent", "Series discount %"), ("promo_discount", "Promotion discount"), ("tax", "Tax"),
    ])
    func label(name: String, label: String) { #expect(XLSXLabels.label(name) == label) }

    @Test("a label's column is wide enough for its longest word and for half the label", arguments: [
        "Deferred revenue (month end)", "Quotes issued", "Tax", "Session list price", "Add-ons total",
    ])
    func width(_ label: String) {
        let w = XLSXLabels.width(label)
        let longest = label.split(separator: " ").map(\.count).max()!
        #expect(w >= Double(longest) + 2 && w >= Double(label.count) / 2 && w >= 11)
    }
}
