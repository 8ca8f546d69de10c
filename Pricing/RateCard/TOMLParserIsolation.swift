import TOMLKit

/// Where TOMLKit's parser can be tried on a text without taking the caller's process down.
///
/// toml++ (inside TOMLKit) asserts on some malformed input that fuzzing found (a table
/// header starting with `#`, some values cut short) instead of reporting a parse error;
/// the assertion aborts the whole program, and a release build of toml++ turns it into
/// undefined behaviour. Trying the parse in another process is the one sure way to keep
/// such a text away from the real parse. Starting a process is the caller's decision,
/// not this library's (it has no process-wide effects): the command line passes an
/// isolation that runs the spaquote program itself on the text; a caller that passes
/// none parses the text directly, which is safe for trusted text only.
public protocol TOMLParserIsolation: Sendable {
    /// Whether parsing `text` with TOMLKit ends the process it runs in (by a signal).
    /// An isolation that cannot try (no process could be started) answers false, and the
    /// text is then parsed directly.
    func parserAborts(on text: String) -> Bool
}

/// The line at which TOMLKit's parser aborts on a text, found through an isolation.
enum TOMLAbortingLine {
    /// The 1-based line at which parsing `text` aborts the parser, or nil when it does not:
    /// the parser reads from the top, so it is the first line whose prefix aborts (found by
    /// bisection over prefixes: about log2(lines) more tries, only for a text that aborts).
    static func find(in text: String, isolation: any TOMLParserIsolation) -> Int? {
        guard isolation.parserAborts(on: text) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var low = 1, high = max(1, lines.count)
        while low < high {
            let mid = (low + high) / 2
            if isolation.parserAborts(on: lines.prefix(mid).joined(separator: "\n")) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

/// What an isolation runs in its other process: TOMLKit's parser on the text, and nothing
/// else (no rate card checks, no logo read).
public enum TOMLParserProbe {
    /// Parses `text` with TOMLKit, dropping the result or the parse error: returning at all
    /// is the answer (the process that calls it ends normally).
    public static func parse(_ text: String) {
        _ = try? TOMLTable(string: text)
    }
}
