import Pricing

/// A quote as JSON: every quotes-CSV column (money and percentages as exact decimal
/// strings such as "1316.93", so no reader turns them into binary floats; counts as
/// numbers; absent values as null), then the add-on lines, installments and the session `schedule`.
public enum QuoteJSON {
    public static func render(_ q: Quote) -> String { document(q).text }

    /// ``render(_:)``'s UTF-8 bytes, without making a `String` (the web's responses).
    public static func bytes(_ q: Quote) -> [UInt8] {
        var j = document(q)
        return j.finishedBytes()
    }

    private static func document(_ q: Quote) -> JSONText {
        var columns = JSONColumnWriter(json: JSONText(capacity: 4096))
        columns.json.open(nil)
        for column in QuoteColumn.ordered {
            columns.key = column.rawValue
            column.write(q, to: &columns)
        }
        var j = columns.json
        j.string("location_name", q.locationName)
        j.string("tier_name", q.tierName)
        j.percent("tax_rate", q.taxRate)
        j.percent("deposit_percent", q.depositPercent)
        j.money("value", q.value)
        j.open("addon_lines", array: true)
        for line in q.addonLines {
            j.open(nil)
            j.string("id", line.id)
            j.string("name", line.name)
            j.money("unit_price", line.unitPrice)
            j.string("per", line.per.rawValue)
            j.int("quantity", line.quantity)
            j.money("amount", line.amount)
            j.raw("taxable", line.taxable ? "true" : "false")
            j.close()
        }
        j.close(array: true)
        j.open("installments", array: true)
        for i in q.installments {
            j.open(nil)
            j.int("number", i.number)
            j.date("due_on", i.dueOn)
            j.money("amount", i.amount)
            j.close()
        }
        j.close(array: true)
        j.open("schedule", array: true)
        for s in q.schedule.sessions {
            j.open(nil)
            j.int("number", s.number)
            j.date("planned", s.planned)
            j.date("date", s.date)
            j.string("weekday", s.date.weekday.displayName)
            j.close()
        }
        j.close(array: true)
        j.close()
        return j
    }
}

/// Writes each quotes-CSV column's value under the column's name, typed as the CSV cell's
/// text is (``QuoteColumn/write(_:to:)``, the one mapping): a count as a number, money,
/// percentages and dates as strings, an absent value as null.
private struct JSONColumnWriter: CellWriter {
    var json: JSONText
    /// The name of the column being written.
    var key = ""

    mutating func text(_ s: String) { json.string(key, s) }
    mutating func money(_ m: Money) { json.money(key, m) }
    mutating func percent(_ p: Percent) { json.percent(key, p) }
    mutating func integer(_ value: Int) { json.int(key, value) }
    mutating func date(_ d: LocalDate) { json.date(key, d) }
    mutating func list(_ items: [String]) { json.string(key, items.joined(separator: ";")) }
    mutating func empty() { json.null(key) }
}
