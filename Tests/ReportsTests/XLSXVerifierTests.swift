import Foundation
import Pricing
import Testing
@testable import Reports

@Suite("Checking a written workbook")
struct XLSXVerifierTests {
    func workbook(rows: Int) throws -> (path: String, bytes: [UInt8]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsxv-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/w.xlsx"
        let book = try XLSXWorkbook(path: path, displayPath: path, constantMemory: true)
        let sheet = try book.addSheet("S")
        for r in 0..<rows { try sheet.writeText("row \(r) " + String(repeating: "x", count: r % 50), row: r, column: 0) }
        try book.close()
        return (path, Array(FileManager.default.contents(atPath: path)!))
    }

    @Test("a whole workbook passes, with its row count")
    func whole() throws {
        let (path, _) = try workbook(rows: 5_000)
        try XLSXVerifier.verify(path: path, displayPath: path, rows: ["xl/worksheets/sheet1.xml": 5_000])
    }

    @Test("a workbook with fewer rows than written fails")
    func missingRows() throws {
        let (path, _) = try workbook(rows: 5_000)
        #expect(throws: ReportError.self) {
            try XLSXVerifier.verify(path: path, displayPath: path, rows: ["xl/worksheets/sheet1.xml": 5_001])
        }
    }

    @Test("damaged compressed data fails, wherever it is", arguments: [0.2, 0.5, 0.8])
    func damaged(at fraction: Double) throws {
        let (path, bytes) = try workbook(rows: 20_000)
        var damaged = bytes
        // Zero a run of bytes inside the data (before the central directory at the end).
        let start = Int(Double(bytes.count) * fraction * 0.8)
        for i in start..<min(start + 64, bytes.count) { damaged[i] = 0 }
        FileManager.default.createFile(atPath: path, contents: Data(damaged))
        #expect(throws: ReportError.self) {
            try XLSXVerifier.verify(path: path, displayPath: path, rows: ["xl/worksheets/sheet1.xml": 20_000])
        }
    }

    @Test("a truncated file fails")
    func truncated() throws {
        let (path, bytes) = try workbook(rows: 2_000)
        FileManager.default.createFile(atPath: path, contents: Data(bytes.prefix(bytes.count / 2)))
        #expect(throws: ReportError.self) { try XLSXVerifier.verify(path: path, displayPath: path, rows: [:]) }
    }
}
