import Pricing

/// A quote as JSON: every quotes-CSV column (money and percentages as exact decimal
/// strings such as "1316.93", so no reader turns them into binary floats; counts as
/// numbers; absent values as null), then the add-on lines, installments and the session `schedule`.
public enum QuoteJSON {
    public static func render(_ q: Quote) -> String {
        var j = JSONText(capacity: 4096)
        j.open(nil)
        for column in QuoteColumn.ordered {
            switch column.cell(q) {
            case .integer(let i): j.int(column.rawValue, i)
            case .empty: j.null(column.rawValue)
            case let cell: j.string(column.rawValue, cell.text)
            }
        }
        j.string("location_name", q.locationName)
        j.string("tier_name", q.tierName)
        j.string("tax_rate", q.taxRate.description)
        j.string("deposit_percent", q.depositPercent.description)
        j.string("value", q.value.description)
        j.open("addon_lines", array: true)
        for line in q.addonLines {
            j.open(nil)
            j.string("id", line.id)
            j.string("name", line.name)
            j.string("unit_price", line.unitPrice.description)
            j.string("per", line.per.rawValue)
            j.int("quantity", line.quantity)
            j.string("amount", line.amount.description)
            j.raw("taxable", line.taxable ? "true" : "false")
            j.close()
        }
        j.close(array: true)
        j.open("installments", array: true)
        for i in q.installments {
            j.open(nil)
            j.int("number", i.number)
            j.string("due_on", i.dueOn.description)
            j.string("amount", i.amount.description)
            j.close()
        }
        j.close(array: true)
        j.open("schedule", array: true)
        for s in q.schedule.sessions {
            j.open(nil)
            j.int("number", s.number)
            j.string("planned", s.planned.description)
            j.string("date", s.date.description)
            j.string("weekday", s.date.weekday.displayName)
            j.close()
        }
        j.close(array: true)
        j.close()
        return j.text
    }
}
