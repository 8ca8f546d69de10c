import Ledger
import PostgresNIO

/// Writes quote rows in the text format of PostgreSQL's `COPY ... FROM STDIN` straight into
/// a `ByteBuffer`: columns separated by a tab, a newline after each row, `\N` for NULL,
/// and a backslash, tab, newline or carriage return in text written as `\\`, `\t`, `\n`,
/// `\r` (every other byte as it is). The values come from ``QuoteRow/encode(into:)``.
///
/// Text holding U+0000, which PostgreSQL cannot store, is noted (``nulColumn``) and the row
/// must be refused by the caller.
struct CopyTextEncoder: QuoteRowEncoder {
    var buffer: ByteBuffer
    /// The first column (an index into ``QuoteColumns/all``) of the current row holding U+0000.
    private(set) var nulColumn: Int?
    private var column = 0
    private var scratch: [UInt8] = []

    init(buffer: ByteBuffer) {
        self.buffer = buffer
    }

    /// Appends `row`. Returns false (with ``nulColumn`` set) when a text holds U+0000; the
    /// buffer then holds a partial row, so the caller discards it.
    mutating func append(_ row: QuoteRow) -> Bool {
        column = 0
        nulColumn = nil
        row.encode(into: &self)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return nulColumn == nil
    }

    private mutating func separate() {
        if column > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        column += 1
    }

    mutating func int(_ value: Int64) {
        separate()
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 20) { raw in
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
            return withUnsafeMutableBytes(of: &digits) { scratch in
                var n = 0, v = value.magnitude
                repeat {
                    scratch[n] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                    v /= 10
                    n += 1
                } while v > 0
                var out = 0
                if value < 0 { raw[0] = UInt8(ascii: "-"); out = 1 }
                for k in stride(from: n - 1, through: 0, by: -1) { raw[out] = scratch[k]; out += 1 }
                return out
            }
        }
    }

    mutating func null() {
        separate()
        buffer.writeInteger(UInt16(0x5C4E))  // "\N", big-endian
    }

    mutating func text(_ value: String) {
        separate()
        var value = value
        value.withUTF8 { write($0) }
    }

    mutating func text(_ build: (inout [UInt8]) -> Void) {
        separate()
        var bytes = scratch
        scratch = []
        bytes.removeAll(keepingCapacity: true)
        build(&bytes)
        bytes.withUnsafeBufferPointer { write($0) }
        scratch = bytes
    }

    mutating func source(_ name: String) { text(name) }

    /// Text bytes, escaped: runs without a special byte are copied whole.
    private mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for (i, b) in bytes.enumerated() where b <= 0x0D || b == 0x5C {
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
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<i]))
            buffer.writeInteger(UInt8(ascii: "\\"))
            buffer.writeInteger(escape)
            start = i + 1
        }
        buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
    }
}
