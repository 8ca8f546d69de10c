#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress line on standard error, redrawn at most every 0.1 s, only on a terminal.
final class Progress {
    private let enabled: Bool
    private let total: Int
    private var last = timespec()

    init(enabled: Bool, path: String) {
        self.enabled = enabled && isatty(2) == 1
        var st = stat()
        total = stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    func update(rows: Int, bytes: Int) {
        guard enabled, rows % 1024 == 0 else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        guard (now.tv_sec - last.tv_sec) * 1000 + (now.tv_nsec - last.tv_nsec) / 1_000_000 >= 100 else { return }
        last = now
        let percent = total > 0 ? min(100, bytes * 100 / total) : 0
        let width = 30, filled = percent * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        say("\r[\(bar)] \(percent)%  \(rows) rows")
    }

    private func say(_ text: String) {
        var t = text
        t.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }

    func finish(rows: Int) {
        guard enabled else { return }
        say("\r\u{1B}[K")
    }
}
