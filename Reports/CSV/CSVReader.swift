import Platform

/// A streaming RFC 4180 reader working on bytes: it holds one 64 KiB chunk and the
/// record being read, never the whole file.
///
/// Accepts a leading UTF-8 BOM, LF or CRLF line ends, quoted fields holding commas,
/// quotes (`""`) and line breaks. Lenient where spreadsheets are: a quote inside an
/// unquoted field, or text after a closing quote, is kept as text. Fatal (the file cannot
/// be read as CSV): a quoted field still open at the end of the file, or a record over
/// ``maximumRecordBytes``; both name the line where the record starts. Also fatal: bytes
/// that are not UTF-8 (``ReportError/notUTF8(path:line:detail:)``, naming the first record
/// holding them, the bytes in hex and how to save the file as UTF-8), and a UTF-16 or
/// UTF-32 byte order mark. Blank lines are skipped, and so are lines that only look
/// filled: separators, spaces and tabs only (`,,,,`), as Excel and LibreOffice write them.
/// A field holding U+FFFD (text lost by an earlier conversion) flags its record.
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
    /// Fields in the last record: the next one likely has as many (one allocation, not five).
    private var lastFieldCount = 16
    private var pending: [UInt8] = []   // bytes fed from memory (tests)
    /// Whether blank lines are skipped (tests turn it off to count every record).
    var skipsBlankLines = true
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
            LibC.close(fd)
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

    deinit { if ownsDescriptor { LibC.close(fd) } }

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
            if let wide = chunk.withUnsafeBufferPointer({ CSVEncoding.wideByteOrderMark(UnsafeBufferPointer(rebasing: $0[..<chunkCount])) }) {
                throw .notUTF8(path: path, line: 1, detail: wide)
            }
        }
        while true {
            guard let record = try readRecord() else { return nil }
            if skipsBlankLines && record.isBlank { continue }  // a blank line, or separators and spaces only
            lastFieldCount = min(record.fields.count, 256)
            return record
        }
    }

    /// Reads one record; blank lines come back as one empty field.
    private func readRecord() throws(ReportError) -> CSVRecord? {
        var record = CSVRecordBuilder(line: line, path: path, fieldCount: lastFieldCount)
        var state = CSVReadState.fieldStart
        var sawAnything = false
        while true {
            if position >= chunkCount, try !refill() {
                guard sawAnything else {
                    if state == .quoted { throw record.unclosedQuote() }
                    return nil
                }
                return try record.finishAtEnd(state: state)
            }
            sawAnything = true
            switch scanRun(&state, into: &record) {
            case .record: return try record.record()
            case .field: continue
            case .more: break
            }
            if record.byteCount > CSVReader.maximumRecordBytes { throw record.tooLong() }
            guard position < chunkCount else { continue }
            let b = chunk[position]
            position += 1
            record.byteCount += 1
            if step(b, &state, into: &record) { return try record.record() }
        }
    }

    /// Copies the run of ordinary bytes from the chunk in one go, up to the byte that
    /// ends it (left for ``step(_:_:into:)``); a whole unquoted field inside the chunk
    /// becomes its string straight from the buffer.
    private func scanRun(_ state: inout CSVReadState, into record: inout CSVRecordBuilder) -> CSVScanEnd {
        let runStart = position
        let quoted = state == .quoted
        var end = CSVScanEnd.more
        chunk.withUnsafeBufferPointer { buf in
            var bits: UInt8 = 0, zero = false
            var stop = position
            while stop < chunkCount {
                let b = buf[stop]
                if b == 0x22 || b == 0x0A { break }
                if !quoted && b == 0x2C { break }
                if state == .quoteInQuoted || (state == .fieldStart && b == 0x0D) { break }
                bits |= b
                if b == 0 { zero = true }
                stop += 1
            }
            // The usual case: a whole unquoted field inside the buffer, ended by a comma
            // or LF. Make its string straight from the buffer.
            if record.field.isEmpty && state != .quoted && state != .quoteInQuoted && stop < chunkCount
                && (buf[stop] == 0x2C || buf[stop] == 0x0A) && (stop > runStart || state == .fieldStart) {
                var fieldEnd = stop
                let lineEnd = buf[stop] == 0x0A
                if lineEnd && fieldEnd > runStart && buf[fieldEnd - 1] == 0x0D { fieldEnd -= 1 }
                record.makeField(UnsafeBufferPointer(rebasing: buf[runStart..<fieldEnd]), bits: bits, zero: zero)
                record.byteCount += stop + 1 - runStart
                position = stop + 1
                state = .fieldStart
                if lineEnd { line += 1; end = .record } else { end = .field }
                return
            }
            record.add(UnsafeBufferPointer(rebasing: buf[runStart..<stop]), bits: bits, zero: zero)
            position = stop
            if stop > runStart && state == .fieldStart { state = .unquoted }
        }
        return end
    }

    /// Takes the byte that ended a run: a separator, a line end or a quote, by the state;
    /// true when it ends the record.
    private func step(_ b: UInt8, _ state: inout CSVReadState, into record: inout CSVRecordBuilder) -> Bool {
        switch state {
        case .fieldStart, .unquoted:
            if b == 0x2C {
                record.finishField()
                state = .fieldStart
            } else if b == 0x0A {
                line += 1
                if record.field.last == 0x0D { record.field.removeLast() }
                record.finishField()
                return true
            } else if b == 0x22 && state == .fieldStart {
                state = .quoted
            } else {
                // A quote inside an unquoted field, or a CR at a field's start: kept as text
                // (the CR goes if an LF follows).
                record.append(b, zero: false)
                state = .unquoted
            }
        case .quoted:
            if b == 0x22 {
                state = .quoteInQuoted
            } else {
                // An LF inside quotes.
                line += 1
                record.field.append(b)
            }
        case .quoteInQuoted:
            return stepAfterClosingQuote(b, &state, into: &record)
        }
        return false
    }

    /// The byte after a quote inside a quoted field: `""` is a quote, a separator or line
    /// end closes the field, the CR of a CRLF is dropped, anything else is kept as text.
    private func stepAfterClosingQuote(_ b: UInt8, _ state: inout CSVReadState, into record: inout CSVRecordBuilder) -> Bool {
        if b == 0x22 {
            record.field.append(0x22)
            state = .quoted
        } else if b == 0x2C {
            record.finishField()
            state = .fieldStart
        } else if b == 0x0A {
            line += 1
            record.finishField()
            return true
        } else if b == 0x0D {
            // The CR of a CRLF after a closing quote.
        } else {
            record.append(b, zero: b == 0)
            state = .unquoted
        }
        return false
    }
}
