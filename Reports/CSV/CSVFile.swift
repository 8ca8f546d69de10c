/// A CSV file written atomically and streamed: rows go through a buffer to a temporary
/// file, renamed over the destination by ``finish()``.
public final class CSVFile {
    private let file: AtomicFile
    private let sink: ByteSink
    private var encoder = CSVLineEncoder()

    /// Starts the file; with `byteOrderMark` a UTF-8 BOM comes first (for Excel).
    public init(path: String, byteOrderMark: Bool = false) throws(ReportError) {
        file = try AtomicFile(destination: path)
        do {
            sink = try ByteSink(path: file.temporaryPath, displayPath: path)
        } catch {
            file.discard()
            throw error
        }
        if byteOrderMark { sink.write("\u{FEFF}") }
    }

    /// Writes one row of typed cells (text neutralized against formula injection).
    public func write(_ cells: [Cell]) {
        write { encoder in for c in cells { encoder.cell(c) } }
    }

    /// Writes one row that `fill` encodes field by field.
    public func write(_ fill: (inout CSVLineEncoder) -> Void) {
        encoder.reset()
        fill(&encoder)
        encoder.endLine()
        encoder.bytes.withUnsafeBufferPointer { sink.write(bytes: $0) }
    }

    /// Flushes and closes the temporary file; it replaces the destination at ``commit()``.
    /// An error leaves no file behind.
    public func close() throws(ReportError) {
        do {
            try sink.close()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Moves the closed file over the destination.
    public func commit() throws(ReportError) {
        do {
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Closes the file and moves it into place.
    public func finish() throws(ReportError) {
        try close()
        try commit()
    }

    public func discard() {
        try? sink.close()
        file.discard()
    }
}
