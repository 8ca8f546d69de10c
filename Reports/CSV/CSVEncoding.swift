/// How the CSV reader tells a user that a file is not UTF-8 (SPEC section 5: requests are
/// UTF-8 text), and which bytes say so.
///
/// Decision: a file holding bytes that are not UTF-8 is refused as a whole, naming the
/// first record that holds them, with the bytes in hex and how to save the file as UTF-8.
/// Rejecting such rows one by one would carry U+FFFD (text lost) into the rejects file,
/// which a rerun would then quote.
enum CSVEncoding {
    /// What to do about a file that is not UTF-8, from Excel or LibreOffice.
    static let remedy = "save it as UTF-8 and run again: in Excel, File > Save As > CSV UTF-8 (Comma delimited); "
        + "in LibreOffice, File > Save As, Text CSV (with \"Edit filter settings\" checked), \"Keep current format\", "
        + "Character set: Unicode (UTF-8)"

    /// The reason for a file that starts with a UTF-16 or UTF-32 byte order mark, if it does.
    static func wideByteOrderMark(_ first: UnsafeBufferPointer<UInt8>) -> String? {
        guard first.count >= 2 else { return nil }
        if first.count >= 4 && first[0] == 0xFF && first[1] == 0xFE && first[2] == 0 && first[3] == 0 {
            return "it starts with the byte order mark \\xFF\\xFE\\x00\\x00 of UTF-32 text"
        }
        if first[0] == 0xFF && first[1] == 0xFE { return "it starts with the byte order mark \\xFF\\xFE of UTF-16 text (\"Unicode text\")" }
        if first[0] == 0xFE && first[1] == 0xFF { return "it starts with the byte order mark \\xFE\\xFF of UTF-16 text (big-endian)" }
        return nil
    }

    /// Describes the first bytes of `field` that are not UTF-8: the bytes in hex and the
    /// text around them, with those bytes (and control characters) shown as `\xNN`.
    static func describeInvalid(_ field: UnsafeBufferPointer<UInt8>) -> String {
        guard let bad = firstInvalid(field) else { return "a field holds bytes of another encoding" }
        let hex = field[bad].map(hexEscape).joined()
        let from = max(0, bad.lowerBound - 24), to = min(field.count, bad.upperBound + 24)
        let around = (from > 0 ? "..." : "") + escaped(UnsafeBufferPointer(rebasing: field[from..<to]))
            + (to < field.count ? "..." : "")
        let guess = field[bad].count == 1 && field[bad.lowerBound] >= 0x80
            ? " (the file was probably saved as Windows-1252 or Latin-1, which Excel calls \"CSV (Comma delimited)\")" : ""
        let bytes = field[bad].count == 1 ? "the byte \(hex) in \"\(around)\" is" : "the bytes \(hex) in \"\(around)\" are"
        return "\(bytes) no character of it\(guess)"
    }

    /// The range of the first ill-formed UTF-8 sequence (maximal subpart) in `bytes`.
    static func firstInvalid(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error(let length): return offset..<(offset + length)
            case .emptyInput: return nil
            }
        }
    }

    /// `bytes` as printable text: valid UTF-8 as it is, other bytes and control characters as `\xNN`.
    static func escaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out = ""
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    out += "\\x" + hex2(UInt8(truncatingIfNeeded: scalar.value))
                } else {
                    out.unicodeScalars.append(scalar)
                }
                offset += encoded.count
            case .error(let length):
                for b in bytes[offset..<(offset + length)] { out += hexEscape(b) }
                offset += length
            case .emptyInput: return out
            }
        }
    }

    static func hexEscape(_ b: UInt8) -> String { "\\x" + hex2(b) }

    static func hex2(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
    }

    /// Whether `bytes` (valid UTF-8) hold U+FFFD, the replacement character (EF BF BD).
    static func holdsReplacementCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        var i = 0
        while i + 2 < bytes.count {
            if bytes[i] == 0xEF && bytes[i + 1] == 0xBF && bytes[i + 2] == 0xBD { return true }
            i += 1
        }
        return false
    }
}
