/// Where a ``CSVReader`` is inside a record.
enum CSVReadState { case fieldStart, unquoted, quoted, quoteInQuoted }

/// How a run of ordinary bytes ended: the record, a field (both made from the buffer),
/// or at a byte the state machine takes next.
enum CSVScanEnd { case record, field, more }

/// A record as a ``CSVReader`` reads it: the fields made so far, the field being read,
/// and what its bytes held (non-ASCII, NUL, U+FFFD, bytes that are not UTF-8).
struct CSVRecordBuilder {
    let startLine: Int
    let path: String
    private(set) var fields: [String] = []
    /// The bytes of the field being read.
    var field: [UInt8] = []
    /// Bytes of the record so far (for ``CSVReader/maximumRecordBytes``).
    var byteCount = 0
    private var fieldBits: UInt8 = 0          // OR of the field's bytes: >= 0x80 means non-ASCII
    private var fieldHasZero = false
    private var invalid: String? = nil
    private var nul = false
    private var replacement = false

    init(line: Int, path: String, fieldCount: Int) {
        startLine = line
        self.path = path
        fields.reserveCapacity(fieldCount)
        field.reserveCapacity(64)
    }

    /// Adds a field made of `bytes` (`bits`: their OR; `zero`: one is NUL).
    mutating func makeField(_ bytes: UnsafeBufferPointer<UInt8>, bits: UInt8, zero: Bool) {
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

    /// Adds `bytes` to the field being read.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, bits: UInt8, zero: Bool) {
        fieldBits |= bits
        if zero { fieldHasZero = true }
        if !bytes.isEmpty { field.append(contentsOf: bytes) }
        byteCount += bytes.count
    }

    /// Adds one byte kept as text to the field being read.
    mutating func append(_ b: UInt8, zero: Bool) {
        field.append(b)
        fieldBits |= b
        if zero { fieldHasZero = true }
    }

    /// Ends the field being read.
    mutating func finishField() {
        let bits = fieldBits, zero = fieldHasZero
        var bytes: [UInt8] = []
        swap(&bytes, &field)
        bytes.withUnsafeBufferPointer { makeField($0, bits: bits, zero: zero) }
        bytes.removeAll(keepingCapacity: true)
        swap(&bytes, &field)
        fieldBits = 0
        fieldHasZero = false
    }

    /// The record read; an error when it holds bytes that are not UTF-8.
    func record() throws(ReportError) -> CSVRecord {
        if let invalid { throw .notUTF8(path: path, line: startLine, detail: invalid) }
        return CSVRecord(fields: fields, line: startLine, hasNUL: nul, hasReplacementCharacter: replacement)
    }

    /// The last record of an input without a final line end (`state`: where it stopped).
    mutating func finishAtEnd(state: CSVReadState) throws(ReportError) -> CSVRecord {
        if state == .quoted { throw unclosedQuote() }
        if state == .unquoted, field.last == 0x0D { field.removeLast() }
        finishField()
        return try record()
    }

    /// A quoted field still open at the end of the input.
    func unclosedQuote() -> ReportError {
        .malformedCSV(path: path, line: startLine,
                      reason: "a quoted field opened here is never closed; add the closing \" or remove the stray one")
    }

    /// A record over ``CSVReader/maximumRecordBytes``.
    func tooLong() -> ReportError {
        .malformedCSV(path: path, line: startLine,
                      reason: "a record is longer than \(CSVReader.maximumRecordBytes >> 20) MiB; check for a missing closing quote")
    }
}
