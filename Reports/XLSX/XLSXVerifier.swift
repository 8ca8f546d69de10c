import Platform
import CXlsxWriter

/// Checks a workbook that libxlsxwriter wrote before it replaces anything: every zip entry
/// inflates to its recorded size, and each worksheet ends its XML and holds the number of
/// rows written to it.
///
/// libxlsxwriter 1.1.4 does not check the writes to its own temporary files, so a disk
/// that fills up while a large sheet is written gives a truncated workbook that
/// `workbook_close` reports as written. This check turns that into an error instead.
enum XLSXVerifier {
    struct Entry {
        var name: String
        var method: UInt16
        var compressedSize: UInt64
        var size: UInt64
        var localHeader: UInt64
    }

    /// Verifies the file at `path`; `rows` maps a worksheet's zip name
    /// (`xl/worksheets/sheet1.xml`) to the rows written to it.
    static func verify(path: String, displayPath: String, rows: [String: Int]) throws(ReportError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .xlsx(path: displayPath, reason: "cannot read it back: \(ReportError.systemMessage(errno))") }
        defer { close(fd) }
        func fail(_ why: String) -> ReportError {
            .xlsx(path: displayPath, reason: "the written workbook is incomplete (\(why)); the disk may be full. Free some space and run again")
        }
        guard let entries = centralDirectory(fd) else { throw fail("its zip directory is damaged") }
        for e in entries {
            guard let found = inflate(fd, e, countRows: rows[e.name] != nil) else {
                throw fail("\(e.name) does not inflate whole")
            }
            if let expected = rows[e.name], found != expected {
                throw fail("\(e.name) holds \(found) rows of \(expected)")
            }
        }
    }

    static func readAll(_ fd: Int32, _ count: Int, at offset: UInt64) -> [UInt8]? {
        var buf = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
            if n <= 0 { return nil }
            done += n
        }
        return buf
    }

    static func le(_ b: [UInt8], _ at: Int, _ width: Int) -> UInt64 {
        var v: UInt64 = 0
        for i in stride(from: width - 1, through: 0, by: -1) { v = v << 8 | UInt64(b[at + i]) }
        return v
    }

    /// The entries of the zip's central directory (zip64 sizes and offsets included).
    static func centralDirectory(_ fd: Int32) -> [Entry]? {
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size >= 22 else { return nil }
        let size = UInt64(st.st_size)
        let tailLength = Int(min(size, 65_557))
        guard let tail = readAll(fd, tailLength, at: size - UInt64(tailLength)) else { return nil }
        guard let eocd = stride(from: tailLength - 22, through: 0, by: -1).first(where: { le(tail, $0, 4) == 0x0605_4B50 }) else { return nil }
        var count = le(tail, eocd + 10, 2), cdSize = le(tail, eocd + 12, 4), cdOffset = le(tail, eocd + 16, 4)
        if (count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF), eocd >= 20, le(tail, eocd - 20, 4) == 0x0706_4B50 {
            let z64 = le(tail, eocd - 20 + 8, 8)
            guard let rec = readAll(fd, 56, at: z64), le(rec, 0, 4) == 0x0606_4B50 else { return nil }
            count = le(rec, 32, 8); cdSize = le(rec, 40, 8); cdOffset = le(rec, 48, 8)
        }
        guard cdOffset + cdSize <= size, let cd = readAll(fd, Int(cdSize), at: cdOffset) else { return nil }
        var entries: [Entry] = [], p = 0
        for _ in 0..<count {
            guard p + 46 <= cd.count, le(cd, p, 4) == 0x0201_4B50 else { return nil }
            let nameLength = Int(le(cd, p + 28, 2)), extraLength = Int(le(cd, p + 30, 2)), commentLength = Int(le(cd, p + 32, 2))
            guard p + 46 + nameLength + extraLength <= cd.count else { return nil }
            var e = Entry(name: String(decoding: cd[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self), method: UInt16(le(cd, p + 10, 2)),
                          compressedSize: le(cd, p + 20, 4), size: le(cd, p + 24, 4), localHeader: le(cd, p + 42, 4))
            // Zip64 extra field: the 0xFFFFFFFF values follow in order.
            var x = p + 46 + nameLength
            let extraEnd = x + extraLength
            while x + 4 <= extraEnd {
                let id = le(cd, x, 2), length = Int(le(cd, x + 2, 2))
                if id == 1 {
                    var q = x + 4
                    if e.size == 0xFFFF_FFFF { e.size = le(cd, q, 8); q += 8 }
                    if e.compressedSize == 0xFFFF_FFFF { e.compressedSize = le(cd, q, 8); q += 8 }
                    if e.localHeader == 0xFFFF_FFFF { e.localHeader = le(cd, q, 8) }
                }
                x += 4 + length
            }
            entries.append(e)
            p += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// Inflates an entry; nil when it does not inflate to its recorded size. With
    /// `countRows`, the number of `<row ` elements, and nil unless the XML ends `</worksheet>`.
    static func inflate(_ fd: Int32, _ e: Entry, countRows: Bool) -> Int? {
        guard let header = readAll(fd, 30, at: e.localHeader), le(header, 0, 4) == 0x0403_4B50 else { return nil }
        var offset = e.localHeader + 30 + le(header, 26, 2) + le(header, 28, 2)
        if e.method == 0 { return e.size == e.compressedSize && !countRows ? 0 : nil }
        guard e.method == 8 else { return nil }
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var input = [UInt8](repeating: 0, count: 1 << 18), output = [UInt8](repeating: 0, count: 1 << 20)
        var chunkLength = 0, remaining = e.compressedSize, produced: UInt64 = 0, rows = 0
        var carry: [UInt8] = []   // the last 4 bytes of output: a "<row " split across blocks
        var tail: [UInt8] = []    // the last bytes of output, for the closing tag
        var result = Z_OK
        while result != Z_STREAM_END {
            if stream.avail_in == 0 {
                guard remaining > 0 else { return nil }
                chunkLength = Int(min(UInt64(input.count), remaining))
                let read = input.withUnsafeMutableBytes { pread(fd, $0.baseAddress, chunkLength, off_t(offset)) }
                guard read == chunkLength else { return nil }
                offset += UInt64(chunkLength)
                remaining -= UInt64(chunkLength)
                stream.avail_in = UInt32(chunkLength)
            }
            let unread = chunkLength - Int(stream.avail_in)
            result = input.withUnsafeMutableBufferPointer { inBuf in
                output.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_in = inBuf.baseAddress! + unread
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = UInt32(outBuf.count)
                    return CXlsxWriter.inflate(&stream, Z_NO_FLUSH)
                }
            }
            guard result == Z_OK || result == Z_STREAM_END else { return nil }
            let n = output.count - Int(stream.avail_out)
            produced += UInt64(n)
            guard countRows && n > 0 else { continue }
            // Every match includes at least one new byte (the carry is shorter than "<row "),
            // so none is counted twice.
            let block = carry + output[0..<n]
            block.withUnsafeBytes { b in
                var at = b.baseAddress!, left = b.count
                while left >= 5, let found = memmem(at, left, "<row ", 5) {
                    rows += 1
                    let skip = at.distance(to: UnsafeRawPointer(found)) + 5
                    at += skip
                    left -= skip
                }
            }
            carry = Array(block.suffix(4))
            tail = Array((tail + output[0..<n]).suffix(32))
        }
        guard produced == e.size else { return nil }
        if countRows {
            var end = String(decoding: tail, as: UTF8.self)
            while end.last?.isWhitespace == true { end.removeLast() }
            guard end.hasSuffix("</worksheet>") else { return nil }
        }
        return rows
    }
}
