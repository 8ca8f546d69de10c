#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 reader working on bytes: it holds one 64 KiB chunk and the
/// record being read, never the whole file.
///
/// Accepts a leading UTF-8 BOM, LF or CRLF line ends, quoted fields holding commas,
/// quotes (`""`) and line breaks. Lenient where spreadsheets are: a quote inside an
/// unquoted field, or text after a closing quote, is kept as text. Fatal (the file cannot
/// be read as CSV): a quoted field still open at the end of the file, or a record over
/// ``maximumRecordBytes``; both name the line where the record starts. Blank lines are
/// skipped. Bytes that are not UTF-8 are replaced and flagged on the record, so the
/// caller can reject that row without losing the rest.
public final class CSVReader {
    /// The largest record accepted (bytes); a larger one is an error, not unbounded memory.
    public static let maximumRecordBytes = 16 << 20

    private let fd: Int32
    private let ownsDescriptor: Bool
    private let path: String
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var chunkCount = 0
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var startedFile = false
    private var pending: [UInt8] = []   // bytes fed from memory (tests)
    /// Bytes read so far (for progress).
    public private(set) var bytesRead: Int = 0

    /// Opens `path` for reading.
    public init(path: String) throws(ReportError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: ReportError.systemMessage(errno)) }
        ownsDescriptor = true
        var st = stat()
        if fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
            Glibc.close(fd)
            throw .cannotRead(path: path, reason: "it is a folder, not a file")
        }
    }

    /// Reads CSV held in memory (`name` labels messages).
    public init(bytes: [UInt8], name: String = "<memory>") {
        path = name
        fd = -1
        ownsDescriptor = false
        pending = bytes
    }

    deinit { if ownsDescriptor { Glibc.close(fd) } }

    private func refill() throws(ReportError) -> Bool {
        if atEnd { return false }
        if fd < 0 {
            chunk = pending
            chunkCount = pending.count
            pending = []
            position = 0
            atEnd = true
            return chunkCount > 0
        }
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: ReportError.systemMessage(errno))
            }
            if n == 0 { atEnd = true; return false }
            chunkCount = n
            position = 0
            bytesRead += n
            return true
        }
    }

    /// The next non-blank record, or nil at the end of the input.
    public func next() throws(ReportError) -> CSVRecord? {
        if !startedFile {
            startedFile = true
            if try !refill() { return nil }
            if chunkCount >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF { position = 3 }
        }
        while true {
            guard let record = try readRecord() else { return nil }
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }  // blank line
            return record
        }
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private func readRecord() throws(ReportError) -> CSVRecord? {
        var fields: [String] = []
        var field: [UInt8] = []
        var state = State.fieldStart
        var invalid = false, nul = false
        var recordBytes = 0
        let startLine = line
        var sawAnything = false

        func finishField() {
            if field.contains(0) { nul = true }
            if let s = String(validating: field, as: UTF8.self) {
                fields.append(s)
            } else {
                invalid = true
                fields.append(String(decoding: field, as: UTF8.self))
            }
            field.removeAll(keepingCapacity: true)
        }

        while true {
            if position >= chunkCount {
                if try !refill() {
                    if state == .quoted {
                        throw .malformedCSV(path: path, line: startLine,
                                            reason: "a quoted field opened here is never closed; add the closing \" or remove the stray one")
                    }
                    if !sawAnything { return nil }
                    finishField()
                    return CSVRecord(fields: fields, line: startLine, hasInvalidUTF8: invalid, hasNUL: nul)
                }
            }
            // Scan the chunk.
            while position < chunkCount {
                let b = chunk[position]
                position += 1
                sawAnything = true
                recordBytes += 1
                if recordBytes > CSVReader.maximumRecordBytes {
                    throw .malformedCSV(path: path, line: startLine,
                                        reason: "a record is longer than \(CSVReader.maximumRecordBytes >> 20) MiB; check for a missing closing quote")
                }
                switch state {
                case .fieldStart, .unquoted:
                    if b == 0x2C {
                        finishField()
                        state = .fieldStart
                    } else if b == 0x0A {
                        line += 1
                        if field.last == 0x0D && state == .unquoted { field.removeLast() }
                        finishField()
                        return CSVRecord(fields: fields, line: startLine, hasInvalidUTF8: invalid, hasNUL: nul)
                    } else if b == 0x22 && state == .fieldStart {
                        state = .quoted
                    } else {
                        // A CR is kept until the LF after it shows it was a CRLF.
                        field.append(b)
                        state = .unquoted
                    }
                case .quoted:
                    if b == 0x22 {
                        state = .quoteInQuoted
                    } else {
                        if b == 0x0A { line += 1 }
                        field.append(b)
                    }
                case .quoteInQuoted:
                    if b == 0x22 {
                        field.append(0x22)
                        state = .quoted
                    } else if b == 0x2C {
                        finishField()
                        state = .fieldStart
                    } else if b == 0x0A {
                        line += 1
                        finishField()
                        return CSVRecord(fields: fields, line: startLine, hasInvalidUTF8: invalid, hasNUL: nul)
                    } else if b == 0x0D {
                        // CR of a CRLF after a closing quote.
                    } else {
                        field.append(b)
                        state = .unquoted
                    }
                }
            }
        }
    }
}
