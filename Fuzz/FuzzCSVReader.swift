// libFuzzer target: the streaming CSV reader on arbitrary bytes. It must never crash,
// hang or grow without bound; each record's line must not go backwards, and the fields
// it returns must be valid strings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let reader = CSVReader(bytes: Array(UnsafeBufferPointer(start: data, count: size)), name: "fuzz.csv")
    var lastLine = 0
    do {
        while let record = try reader.next() {
            precondition(record.line >= lastLine && record.line >= 1, "line numbers go backwards")
            precondition(!record.fields.isEmpty, "a record with no fields")
            lastLine = record.line
        }
    } catch {
        // A malformed file is an error with a line, never a crash.
        _ = "\(error)"
    }
    return 0
}
