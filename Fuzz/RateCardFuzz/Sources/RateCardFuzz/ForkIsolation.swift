import Glibc
import Pricing

/// The fuzzer's ``TOMLParserIsolation``: the parse tried in a forked child, as the command
/// line tries it in a spawned one (``ParserInChildProcess`` in the spaquote executable).
/// A fork is fine here and only here: libFuzzer runs inputs on one thread, and this is a
/// test tool, not library code.
struct ForkIsolation: TOMLParserIsolation {
    func parserAborts(on text: String) -> Bool {
        let pid = fork()
        if pid == 0 {
            signal(SIGABRT, SIG_DFL)
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 { dup2(null, 2) }
            TOMLParserProbe.parse(text)
            _exit(0)
        }
        guard pid > 0 else { return false }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        return signal != 0 && signal != 0x7F
    }
}
