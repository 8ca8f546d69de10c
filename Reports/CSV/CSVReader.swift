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

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// Reads one record; blank lines come back as one empty field.
    private func readRecord() throws(ReportError) -> CSVRecord? {
        var fields: [String] = []
        fields.reserveCapacity(lastFieldCount)
        var field: [UInt8] = []
        field.reserveCapacity(64)
        var state = State.fieldStart
        var invalid: String? = nil, nul = false, replacement = false
        var fieldBits: UInt8 = 0          // OR of the field's bytes: >= 0x80 means non-ASCII
        var fieldHasZero = false
        var recordBytes = 0
        let startLine = line
        var sawAnything = false

        func makeField(_ bytes: UnsafeBufferPointer<UInt8>, bits: UInt8, zero: Bool) {
            if zero { nul = true }
            if bits < 0x80 {
                // ASCII is valid UTF-8: no validation needed.
                fields.append(String(decoding: bytes, as: UTF8.self))
            } else if let s = String(validating: bytes, as: UTF8.self) {
                if !replacement && CSVEncoding.holdsReplacementCharacter(bytes) { replacement = true }
                fields.append(s)
            } else {
                if invalid == nil { invalid = CSVEncoding.describeInvalid(bytes) }
                fields.append("")
            }
        }

        func record() throws(ReportError) -> CSVRecord {
            if let invalid { throw .notUTF8(path: path, line: startLine, detail: invalid) }
            return CSVRecord(fields: fields, line: startLine, hasNUL: nul, hasReplacementCharacter: replacement)
        }

        func finishField() {
            field.withUnsafeBufferPointer { makeField($0, bits: fieldBits, zero: fieldHasZero) }
            field.removeAll(keepingCapacity: true)
            fieldBits = 0
            fieldHasZero = false
        }

        while true {
            if position >= chunkCount {
                if try !refill() {
                    if state == .quoted {
                        throw .malformedCSV(path: path, line: startLine,
                                            reason: "a quoted field opened here is never closed; add the closing \" or remove the stray one")
                    }
                    if !sawAnything { return nil }
                    if state == .unquoted, field.last == 0x0D { field.removeLast() }
                    finishField()
                    return try record()
                }
            }
            sawAnything = true
            // Copy the run of ordinary bytes in one go, then handle the byte that ended it.
            let runStart = position
            let quoted = state == .quoted
            var stop = position
            var finishedRecord = false, finishedField = false
            chunk.withUnsafeBufferPointer { buf in
                var bits: UInt8 = 0, zero = false
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
                if field.isEmpty && state != .quoted && state != .quoteInQuoted && stop < chunkCount
                    && (buf[stop] == 0x2C || buf[stop] == 0x0A) && (stop > runStart || state == .fieldStart) {
                    var end = stop
                    let lineEnd = buf[stop] == 0x0A
                    if lineEnd && end > runStart && buf[end - 1] == 0x0D { end -= 1 }
                    makeField(UnsafeBufferPointer(rebasing: buf[runStart..<end]), bits: bits, zero: zero)
                    recordBytes += stop + 1 - runStart
                    position = stop + 1
                    state = .fieldStart
                    finishedField = true
                    if lineEnd { line += 1; finishedRecord = true }
                    return
                }
                fieldBits |= bits
                if zero { fieldHasZero = true }
                if stop > runStart {
                    field.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<stop]))
                }
                recordBytes += stop - runStart
                position = stop
            }
            if finishedRecord { return try record() }
            if finishedField { continue }
            if recordBytes > CSVReader.maximumRecordBytes {
                throw .malformedCSV(path: path, line: startLine,
                                    reason: "a record is longer than \(CSVReader.maximumRecordBytes >> 20) MiB; check for a missing closing quote")
            }
            if stop > runStart && state == .fieldStart { state = .unquoted }
            guard position < chunkCount else { continue }
            let b = chunk[position]
            position += 1
            recordBytes += 1
            switch state {
            case .fieldStart, .unquoted:
                if b == 0x2C {
                    finishField()
                    state = .fieldStart
                } else if b == 0x0A {
                    line += 1
                    if field.last == 0x0D { field.removeLast() }
                    finishField()
                    return try record()
                } else if b == 0x22 && state == .fieldStart {
                    state = .quoted
                } else {
                    // A quote inside an unquoted field, or a CR at a field's start: kept as text
                    // (the CR goes if an LF follows).
                    field.append(b)
                    fieldBits |= b
                    state = .unquoted
                }
            case .quoted:
                if b == 0x22 {
                    state = .quoteInQuoted
                } else {
                    // An LF inside quotes.
                    line += 1
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
                    return try record()
                } else if b == 0x0D {
                    // The CR of a CRLF after a closing quote.
                } else {
                    field.append(b)
                    fieldBits |= b
                    if b == 0 { fieldHasZero = true }
                    state = .unquoted
                }
            }
        }
    }
}
