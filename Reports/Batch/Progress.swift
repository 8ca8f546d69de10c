import Platform

/// How far a batch has read, handed to the caller's reporter at most every 0.1 s (the
/// library writes nothing itself: the command line draws it).
final class Progress {
    private let report: ((_ rows: Int, _ percent: Int) -> Void)?
    private let total: Int
    private var last = timespec()

    init(report: ((_ rows: Int, _ percent: Int) -> Void)?, path: String) {
        self.report = report
        var st = stat()
        total = report != nil && stat(path, &st) == 0 ? Int(st.st_size) : 0
    }

    func update(rows: Int, bytes: Int) {
        guard let report, rows % 1024 == 0 else { return }
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        guard (now.tv_sec - last.tv_sec) * 1000 + (now.tv_nsec - last.tv_nsec) / 1_000_000 >= 100 else { return }
        last = now
        report(rows, total > 0 ? min(100, bytes * 100 / total) : 0)
    }

    /// The last report: every row read.
    func finish(rows: Int) {
        report?(rows, 100)
    }
}
