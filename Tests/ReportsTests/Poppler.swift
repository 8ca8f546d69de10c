import Foundation

/// Runs poppler-utils on a PDF: what a reader other than cairo finds in it.
enum Poppler {
    /// The standard output of `/usr/bin/TOOL arguments...`.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The text of the PDF, in reading order (`pdftotext -layout`), or raw order.
    static func text(_ pdf: String, layout: Bool = true) throws -> String {
        try run("pdftotext", (layout ? ["-layout"] : ["-raw"]) + ["-enc", "UTF-8", pdf, "-"])
    }

    /// The text with every run of white space made one space: words that a line break
    /// split (a long name wrapped) read as one phrase again.
    static func flatText(_ pdf: String) throws -> String {
        try text(pdf, layout: false).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `pdfinfo`'s fields.
    static func info(_ pdf: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try run("pdfinfo", [pdf]).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// `pdffonts`' rows: (name, embedded, subset).
    static func fonts(_ pdf: String) throws -> [(name: String, embedded: Bool, subset: Bool)] {
        try run("pdffonts", [pdf]).split(separator: "\n").dropFirst(2).map { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            // name type... encoding emb sub uni object ID: count from the end.
            let n = columns.count
            return (columns[0], columns[n - 5] == "yes", columns[n - 4] == "yes")
        }
    }

    /// The first page rendered at `dpi` as a PPM image (`pdftoppm`, no PNG decoder needed).
    static func render(_ pdf: String, dpi: Int) throws -> PPMImage {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spaquote-ppm-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try run("pdftoppm", ["-r", String(dpi), "-f", "1", "-l", "1", "-singlefile", pdf, folder + "/page"])
        return try PPMImage(bytes: Array(Data(contentsOf: URL(fileURLWithPath: folder + "/page.ppm"))))
    }
}

/// A binary PPM (P6) image.
struct PPMImage {
    var width: Int
    var height: Int
    var pixels: [UInt8]

    init(bytes: [UInt8]) throws {
        var fields: [String] = [], i = 0
        while fields.count < 4, i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
            var field = ""
            while i < bytes.count, !(bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09) {
                field.append(Character(UnicodeScalar(bytes[i]))); i += 1
            }
            fields.append(field)
        }
        guard fields.count == 4, fields[0] == "P6", let w = Int(fields[1]), let h = Int(fields[2]) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        width = w; height = h
        pixels = Array(bytes[(i + 1)...])
    }

    /// How many pixels in the rectangle are darker than `threshold` (0...255, on every channel's mean).
    func darkPixels(x: Range<Int>, y: Range<Int>, threshold: Int = 128) -> Int {
        var count = 0
        for row in y.clamped(to: 0..<height) {
            for column in x.clamped(to: 0..<width) {
                let p = (row * width + column) * 3
                if (Int(pixels[p]) + Int(pixels[p + 1]) + Int(pixels[p + 2])) / 3 < threshold { count += 1 }
            }
        }
        return count
    }
}
