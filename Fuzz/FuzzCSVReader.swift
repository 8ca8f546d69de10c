// libFuzzer target: the streaming CSV reader on arbitrary bytes. It must never crash,
// hang or grow without bound; each record's line must not go backwards, and the fields
// it returns must be valid strings. Since issue 10 also: bytes that are not UTF-8 are an
// error (never fields holding U+FFFD the input did not hold), no blank-looking record is
// returned, and the quick record count (CSVRecordCounter) agrees with the reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let reader = CSVReader(bytes: bytes, name: "fuzz.csv")
    let inputHoldsReplacement = bytes.withUnsafeBufferPointer { CSVEncoding.holdsReplacementCharacter($0) }
    var lastLine = 0
    do {
        while let record = try reader.next() {
            precondition(record.line >= lastLine && record.line >= 1, "line numbers go backwards")
            precondition(!record.fields.isEmpty, "a record with no fields")
            precondition(!record.isBlank, "a blank-looking record was returned")
            let replacement = record.fields.contains { $0.unicodeScalars.contains("\u{FFFD}") }
            precondition(replacement == record.hasReplacementCharacter, "U+FFFD not flagged, or flagged wrongly")
            precondition(!replacement || inputHoldsReplacement, "U+FFFD stands for bytes the reader could not read")
            lastLine = record.line
        }
    } catch {
        // A malformed file is an error with a line, never a crash.
        _ = "\(error)"
    }
    // The quick count equals the reader's records, blank lines included (on text the
    // reader accepts and the counter sees whole, BOM first).
    let all = CSVReader(bytes: bytes, name: "fuzz.csv")
    all.skipsBlankLines = false
    var records = 0
    do {
        while try all.next() != nil { records += 1 }
        var counter = CSVRecordCounter()
        bytes.withUnsafeBufferPointer { counter.scan($0) }
        precondition(counter.records == records, "the quick count (\(counter.records)) differs from the reader's (\(records))")
    } catch {}
    return 0
}
