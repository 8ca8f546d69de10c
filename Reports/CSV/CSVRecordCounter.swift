import Platform

/// Counts the records of a CSV file at memory-scan speed, before a batch does any work:
/// line ends outside quoted fields, with quotes read as ``CSVReader`` reads them (a quote
/// opens a quoted field only at a field's start; `""` inside one is a quote). Holds one
/// 1 MiB buffer, never the file.
///
/// The count is an upper bound on the records ``CSVReader`` returns: blank lines count
/// too. ``requireDataRows(atMost:in:output:)`` recounts exactly, with the reader, only
/// when the bound is over the limit.
public struct CSVRecordCounter {
    private var inQuotes = false
    /// A quote ended the last buffer inside a quoted field: the next byte says whether it
    /// closes the field or is the first of `""`.
    private var quoteAtEnd = false
    /// The byte before the buffer being scanned (LF at the start: a field starts there).
    private var previous: UInt8 = 0x0A
    private var sawBytes = false
    /// Any byte but a leading BOM (a file of a BOM alone has no record).
    private var sawContent = false
    /// Line ends outside quoted fields so far.
    public private(set) var lineEnds = 0

    public init() {}

    /// Records in everything scanned: line ends, plus a last line without one.
    public var records: Int { lineEnds + (sawContent && previous != 0x0A ? 1 : 0) }

    /// Scans the next bytes of the file (a BOM must come whole in the first piece, as a
    /// read of the file's start gives it).
    public mutating func scan(_ buf: UnsafeBufferPointer<UInt8>) {
        guard let base = buf.baseAddress, buf.count > 0 else { return }
        let n = buf.count
        var i = 0
        if !sawBytes {
            sawBytes = true
            if n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { i = 3 }
        }
        let origin = i   // the byte before it is `previous` (after a BOM: the file's start)
        if i < n { sawContent = true }
        if quoteAtEnd { i = afterQuote(buf, from: i) }
        while i < n {
            let next = memchr(base + i, 0x22, n - i).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? n
            if inQuotes {
                guard next < n else { break }
                i = afterQuote(buf, from: next + 1)
                continue
            }
            lineEnds &+= Self.countLineFeeds(UnsafeBufferPointer(rebasing: buf[i..<next]))
            guard next < n else { break }
            let before = next == origin ? previous : buf[next - 1]
            if before == 0x2C || before == 0x0A { inQuotes = true }
            i = next + 1
        }
        if n > origin { previous = buf[n - 1] }
    }

    /// After a quote inside a quoted field, from `start`: CRs are skipped (as the reader
    /// skips them there); then a quote is the second of `""` (still quoted), anything else
    /// closes the field. Returns where scanning goes on; at the buffer's end the question
    /// waits for the next buffer (``quoteAtEnd``).
    private mutating func afterQuote(_ buf: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i < buf.count && buf[i] == 0x0D { i += 1 }
        guard i < buf.count else { quoteAtEnd = true; return i }
        quoteAtEnd = false
        if buf[i] == 0x22 { return i + 1 }
        inQuotes = false
        return i
    }

    @inline(__always)
    static func countLineFeeds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for b in bytes { count &+= b == 0x0A ? 1 : 0 }   // vectorized by the compiler
        return count
    }

    /// The records of the file at `path` (an upper bound: blank lines count).
    public static func records(in path: String) throws(ReportError) -> Int {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotRead(path: path, reason: ReportError.systemMessage(errno)) }
        defer { close(fd) }
        var counter = CSVRecordCounter()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .cannotRead(path: path, reason: ReportError.systemMessage(errno))
            }
            if n == 0 { return counter.records }
            buffer.withUnsafeBufferPointer { counter.scan(UnsafeBufferPointer(rebasing: $0[..<n])) }
        }
    }

    /// Throws ``ReportError/tooManyRows(path:rows:limit:output:)`` when the requests file at
    /// `path` has more than `limit` data rows (records after the header, blank lines not
    /// counted), before any of them is priced.
    /// A pipe or other stream is not counted (reading it would consume it): the batch then
    /// stops at the first row over the limit.
    public static func requireDataRows(atMost limit: Int, in path: String, output: String) throws(ReportError) {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return }
        guard try records(in: path) - 1 > limit else { return }
        // Over the limit counting blank lines: count exactly (rare, so the reader's speed will do).
        let reader = try CSVReader(path: path)
        var rows = -1   // the header
        while try reader.next() != nil { rows += 1 }
        if rows > limit { throw .tooManyRows(path: path, rows: rows, limit: limit, output: output) }
    }
}
