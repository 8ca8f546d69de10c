/// A CSV file written atomically and streamed: rows go through a buffer to a temporary
/// file, renamed over the destination by ``finish()``.
public final class CSVFile {
    private let file: AtomicFile
    private let sink: ByteSink

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
    public func write(_ cells: [Cell]) { sink.write(CSVWriter.line(cells)) }

    public func finish() throws(ReportError) {
        do {
            try sink.close()
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    public func discard() {
        try? sink.close()
        file.discard()
    }
}
