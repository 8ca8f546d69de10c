import Platform
import Foundation
import Reports

/// The one way spaquote writes to its standard output and standard error.
///
/// Every text goes through ``TerminalText/inertKeepingLineFeeds(_:)``: a control
/// character other than a line feed, DEL, a C1 control or a bidi override is shown as
/// `\u{HEX}`, so no data can act on the clerk's terminal. Line feeds inside data are
/// escaped before the text gets here, where the data is interpolated (``TerminalText``)
/// or laid out in a table cell (``TextLayout``). The one exception is a machine format
/// sent to standard output that is not a terminal (``writeMachine(_:)``).
enum Terminal {
    enum Stream {
        case output, error
        var fd: Int32 { self == .output ? 1 : 2 }
        var isTerminal: Bool { isatty(fd) == 1 }
    }

    /// Writes `text` (program text whose data was made inert) on `stream`.
    static func write(_ text: String, to stream: Stream = .output) {
        raw(TerminalText.inertKeepingLineFeeds(text), to: stream)
    }

    /// Machine-readable text (CSV) for standard output: the bytes as they are when the
    /// output is a file or a pipe (so `> q.csv` equals `--output q.csv`), made inert like
    /// any other text when it is a terminal.
    static func writeMachine(_ text: String) {
        if Stream.output.isTerminal { write(text) } else { raw(text, to: .output) }
    }

    /// Writes the bytes as they are; a progress line still shown on standard error is
    /// cleared first (unless this is the progress line).
    fileprivate static func raw(_ text: String, to stream: Stream, isProgress: Bool = false) {
        if stream == .error && !isProgress { ProgressLine.shared.clear() }
        var t = text
        t.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(stream.fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }   // a closed pipe: nothing more can be said
                offset += n
            }
        }
    }
}

/// `write(2)`.
private func systemWrite(_ fd: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    LibC.write(fd, bytes, count)
}

/// The batch's progress line on standard error, when that is a terminal: redrawn in place
/// with a carriage return (the program's own control character; the line holds no data)
/// and cleared before any other text goes to standard error, so a message never lands
/// at the end of the bar.
final class ProgressLine: @unchecked Sendable {
    static let shared = ProgressLine()
    private let lock = NSLock()
    private var shown = false

    /// A reporter for ``BatchRun/progress``, or nil when standard error is not a terminal.
    static func reporter() -> ((_ rows: Int, _ percent: Int) -> Void)? {
        guard Terminal.Stream.error.isTerminal else { return nil }
        return { rows, percent in shared.draw(rows: rows, percent: percent) }
    }

    func draw(rows: Int, percent: Int) {
        let width = 30, filled = max(0, min(100, percent)) * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        lock.withLock { shown = true }
        Terminal.raw("\r[\(bar)] \(percent)%  \(rows) rows", to: .error, isProgress: true)
    }

    /// Clears the line if it is shown.
    func clear() {
        let wasShown = lock.withLock { () -> Bool in
            defer { shown = false }
            return shown
        }
        if wasShown { Terminal.raw("\r\u{1B}[K", to: .error, isProgress: true) }
    }
}
