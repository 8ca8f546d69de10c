import Ledger
import PostgresNIO

/// Writes quote rows in the text format of PostgreSQL's `COPY ... FROM STDIN` straight into
/// a `ByteBuffer`: columns separated by a tab, a newline after each row, `\N` for NULL,
/// and a backslash, tab, newline or carriage return in text written as `\\`, `\t`, `\n`,
/// `\r` (every other byte as it is). The values come from ``QuoteRow/encode(into:)``.
///
/// The bytes gather in an array (the standard library's, optimized in every build) and
/// become a `ByteBuffer` once per slice (``takeBuffer()``).
///
/// Text holding U+0000, which PostgreSQL cannot store, is noted (``nulColumn``) and the row
/// must be refused by the caller.
struct CopyTextEncoder: QuoteRowEncoder {
    /// The rows encoded so far.
    private(set) var bytes: [UInt8] = []
    /// The first column (an index into ``QuoteColumns/all``) of the current row holding U+0000.
    private(set) var nulColumn: Int?
    private var column = 0
    private var scratch: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// The rows encoded so far, as a buffer to send; the encoder starts again, empty.
    mutating func takeBuffer() -> ByteBuffer {
        let buffer = ByteBuffer(bytes: bytes)
        bytes.removeAll(keepingCapacity: true)
        return buffer
    }

    /// Appends `row`. Returns false (with ``nulColumn`` set) when a text holds U+0000; the
    /// buffer then holds a partial row, so the caller discards it.
    mutating func append(_ row: QuoteRow) -> Bool {
        column = 0
        nulColumn = nil
        row.encode(into: &self)
        bytes.append(UInt8(ascii: "\n"))
        return nulColumn == nil
    }

    private mutating func separate() {
        if column > 0 { bytes.append(UInt8(ascii: "\t")) }
        column += 1
    }

    mutating func int(_ value: Int64) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = value.magnitude, digits: (UInt64, UInt64, UInt64) = (0, 0, 0), n = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[n] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                v /= 10
                n += 1
            } while v > 0
            for k in stride(from: n - 1, through: 0, by: -1) { bytes.append(scratch[k]) }
        }
    }

    mutating func null() {
        separate()
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "N"))
    }

    mutating func text(_ value: String) {
        separate()
        var value = value
        value.withUTF8 { write($0) }
    }

    mutating func text(_ build: (inout [UInt8]) -> Void) {
        separate()
        var built = scratch
        scratch = []
        built.removeAll(keepingCapacity: true)
        build(&built)
        built.withUnsafeBufferPointer { write($0) }
        scratch = built
    }

    mutating func source(_ name: String) { text(name) }

    /// Text bytes, escaped: runs without a special byte are copied whole.
    private mutating func write(_ text: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for (i, b) in text.enumerated() where b <= 0x0D || b == 0x5C {
            let escape: UInt8
            switch b {
            case 0x5C: escape = UInt8(ascii: "\\")
            case 0x09: escape = UInt8(ascii: "t")
            case 0x0A: escape = UInt8(ascii: "n")
            case 0x0D: escape = UInt8(ascii: "r")
            case 0x00:
                if nulColumn == nil { nulColumn = column - 1 }
                continue
            default: continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<i]))
            bytes.append(UInt8(ascii: "\\"))
            bytes.append(escape)
            start = i + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
    }
}
