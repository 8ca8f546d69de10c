#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TOMLKit

/// Keeps the TOML parser's internal checks from ending the process.
///
/// toml++ (inside TOMLKit) asserts on some malformed input that fuzzing found (a table
/// header starting with `#`, some values cut short) instead of reporting a parse error,
/// which aborts the whole program; a release build of it turns those assertions into
/// undefined behaviour. So the text is first parsed in a forked child: if the child dies,
/// the file is reported as invalid TOML at the line where the parser stops (found by
/// parsing shorter and shorter prefixes, as the parser reads from the top), and the real
/// parse in this process never sees it. One fork per rate card load, about a millisecond.
enum TOMLParseGuard {
    /// The line at which parsing `text` aborts the parser, or nil when it does not.
    static func abortingLine(_ text: String) -> Int? {
        guard aborts(text) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var low = 1, high = max(1, lines.count)
        while low < high {
            let mid = (low + high) / 2
            if aborts(lines.prefix(mid).joined(separator: "\n")) { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// Whether parsing `text` kills a child process (false when no child can be made).
    static func aborts(_ text: String) -> Bool {
        let pid = fork()
        if pid == 0 {
            signal(SIGABRT, SIG_DFL)                  // no crash report from the child
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 { dup2(null, 2) }            // nor the assertion's message
            _ = try? TOMLTable(string: text)
            _exit(0)
        }
        guard pid > 0 else { return false }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signalled = status & 0x7F
        return signalled != 0 && signalled != 0x7F
    }
}
