/// Values shown in messages: inert, escaped and cut short, whatever a damaged row holds.
public enum ShownValue {
    /// Most characters of a value a message shows.
    public static let shownLimit = 60

    /// `bytes` as inert text: text in quotes with control characters, backslashes, quotes and
    /// bytes that are not UTF-8 escaped (`\\n`, `\\u{1B}`, `\\xFF`), cut after ``shownLimit``
    /// characters. (The quotes are the caller's: ``RowCells/shownValue(_:)`` adds them.)
    public static func escaped(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out = "", shown = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var rest = bytes.count
        while shown < shownLimit {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                rest -= String(scalar).utf8.count
                out += escaped(scalar)
            case .error:
                // Not UTF-8: show the byte it stopped at, then go on after it.
                let at = bytes.count - rest
                out += "\\x" + hex(bytes[at])
                rest -= 1
                decoder = UTF8()
                iterator = UnsafeBufferPointer(rebasing: bytes[(bytes.count - rest)...]).makeIterator()
            case .emptyInput: return out
            }
            shown += 1
        }
        return rest > 0 ? out + "... (\(bytes.count) bytes)" : out
    }

    private static func escaped(_ s: Unicode.Scalar) -> String {
        switch s {
        case "\\": return "\\\\"
        case "'": return "\\'"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            let v = s.value
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x2028...0x2029).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) {
                return "\\u{" + String(v, radix: 16, uppercase: true) + "}"
            }
            return String(s)
        }
    }

    private static func hex(_ b: UInt8) -> String {
        let s = String(b, radix: 16, uppercase: true)
        return b < 16 ? "0" + s : s
    }
}
