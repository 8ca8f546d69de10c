import Platform
import Pricing

/// The command line's ``TOMLParserIsolation``: the spaquote program itself
/// (`/proc/self/exe pricing try-parse`), started with `posix_spawn`, parses the text it
/// reads on standard input; a child ended by a signal means the parser aborts on it.
///
/// Decisions: `posix_spawn` rather than `fork`, so no code of this process runs in the
/// child (a forked copy of a multi-threaded process can wait forever on a lock another
/// thread held). The text goes through a socket pair written with `MSG_NOSIGNAL`, so a
/// child that dies early gives this process no SIGPIPE. The child's output and errors (the
/// assertion's message) go to /dev/null, and its Swift backtracer is off: an abort there is
/// an expected answer, not a crash to report. About 10 ms a rate card load.
struct ParserInChildProcess: TOMLParserIsolation {
    /// The program to start: this one.
    var executable = "/proc/self/exe"

    func parserAborts(on text: String) -> Bool {
        guard let (ours, childs) = LibC.streamSocketPair() else { return false }
        defer { LibC.close(ours) }
        let pid = spawn(stdin: childs)
        LibC.close(childs)
        guard let pid else { return false }
        send(text, to: ours)
        shutdown(ours, Int32(SHUT_WR))
        return Self.endedBySignal(pid)
    }

    /// Starts the child with `stdin` as its standard input, no signal blocked and every
    /// signal's handling the default; nil when it cannot be started.
    private func spawn(stdin: Int32) -> pid_t? {
        var actions = posix_spawn_file_actions_t(), attributes = posix_spawnattr_t()
        guard posix_spawn_file_actions_init(&actions) == 0 else { return nil }
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard posix_spawnattr_init(&attributes) == 0 else { return nil }
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let arguments = [executable, "pricing", "try-parse"], environment = ["SWIFT_BACKTRACE=enable=no"]
        var argv = arguments.map { strdup($0) } + [nil], envp = environment.map { strdup($0) } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        return posix_spawn(&pid, executable, &actions, &attributes, &argv, &envp) == 0 ? pid : nil
    }

    /// Writes all of `text` to `socket` (stopping at the first error: the child is gone).
    private func send(_ text: String, to socket: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = LibC.send(socket, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                offset += n
            }
        }
    }

    /// Waits for `pid`; whether a signal ended it.
    private static func endedBySignal(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return false }
        }
        return LibC.endedBySignal(status)
    }
}
