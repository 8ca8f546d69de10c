import Foundation
import Hummingbird
import Ledger
import Pricing
import Reports
import Workflows

/// The monthly revenue page and its downloads (capability ``Capability/reports``): the
/// figures of ``MonthlyReport`` (those `spaquote report monthly` writes) over the quotes
/// the caller sees (``Account/visible(_:)``: a manager with locations gets theirs only).
extension RouteTable {
    /// The most months one report covers.
    static let maxReportMonths = 60

    func addReports() {
        let desk = desk
        add(.get, "/reports/monthly", needs: .capability(.reports)) { input in try await Self.monthlyPage(input, desk: desk) }
        for format in ["csv", "xlsx"] {
            add(.get, RouterPath("/reports/monthly.\(format)"), needs: .capability(.reports)) { input in
                let account = try input.signedIn.account
                let (first, last) = try Self.months(input, today: desk.clock.today())
                let response = try await Self.monthlyFile(first, last, format: format, account: account, desk: desk)
                try await desk.record(.reportDownloaded, nil, detail: "monthly \(first) to \(last) (\(format))", input: input)
                return response
            }
        }
    }

    /// The range of `from` and `to` (`YYYY-MM`; by default this month and the 6 after it).
    ///
    /// - Throws: ``PricingError/invalidRequest(field:value:reason:)`` (422) naming `from` or
    ///   `to` for a value that is not a month, a `to` before `from`, or more than ``maxReportMonths`` months.
    static func months(_ input: RouteInput, today: LocalDate) throws(PricingError) -> (YearMonth, YearMonth) {
        func month(_ name: String) throws(PricingError) -> YearMonth? {
            guard let text = input.query(name) else { return nil }
            guard let m = YearMonth(iso: text) else { throw .invalidRequest(field: name, value: text, reason: "is not a month; write YYYY-MM") }
            return m
        }
        let first = try month("from") ?? today.yearMonth
        let last = try month("to") ?? first.adding(months: 6) ?? first
        guard first <= last else { throw .invalidRequest(field: "to", value: last.description, reason: "is before from (\(first)); give a later month") }
        guard first.months(to: last) < maxReportMonths else {
            throw .invalidRequest(field: "to", value: last.description, reason: "makes more than \(maxReportMonths) months; give a shorter range")
        }
        return (first, last)
    }

    /// The page: the form, the chart, the table, the downloads; a bad range shown beside the form (422).
    static func monthlyPage(_ input: RouteInput, desk: Desk) async throws -> Response {
        let caller = try input.signedIn
        let first: YearMonth, last: YearMonth
        do { (first, last) = try months(input, today: desk.clock.today()) } catch {
            let refusal = Desk.refusal(for: error)
            let values: [String: Any] = ["from": input.query("from") ?? "", "to": input.query("to") ?? "",
                                         "problem": "\(refusal.field ?? "") '\(refusal.value ?? "")': \(refusal.reason)"]
            return desk.page("monthly", status: refusal.status, title: "Monthly revenue", values, caller: caller)
        }
        let revenue = try await MonthlyReport.revenue(from: desk.ledger, months: first, to: last, narrowing: caller.account.visible)
        let currency = try await MonthlyReport.currency(of: desk.ledger)
        let chart = RevenueChart(months: revenue.totals.map { RevenueChart.Month(label: $0.month.description, booked: $0.bookedRevenue,
                                                                                 recognized: $0.recognizedRevenue) },
                                 currency: currency)
        let range = "from=\(first)&to=\(last)"
        let values: [String: Any] = [
            "from": first.description, "to": last.description, "currency": currency, "chart": chart.svg,
            "columns": MonthlyRow.columns, "rows": revenue.rows.map { row in ["total": row.location == MonthlyRow.all, "cells": row.cells.map(\.text)] },
            "csv": "/reports/monthly.csv?" + range, "xlsx": "/reports/monthly.xlsx?" + range,
            "scope": caller.account.visibleLocations.map { $0.joined(separator: ", ") } ?? false,
        ]
        return desk.page("monthly", title: "Monthly revenue", values, caller: caller)
    }

    /// The report as a file, written by ``MonthlyReport/write(from:months:to:path:pageSize:narrowing:)``
    /// into a private temporary folder, read, and the folder removed.
    static func monthlyFile(_ first: YearMonth, _ last: YearMonth, format: String, account: Account,
                            desk: Desk) async throws -> Response {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spaquote-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "monthly-\(first)-to-\(last).\(format)", path = folder.appendingPathComponent(name).path
        try await MonthlyReport.write(from: desk.ledger, months: first, to: last, path: path, narrowing: account.visible)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let type = format == "csv" ? "text/csv; charset=utf-8" : BatchOutput.quotesXLSX.contentType
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store",
                                               .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
