import Platform

/// The temporary output files still being written, so that an interrupt (SIGINT,
/// SIGTERM, SIGHUP) can remove them before the process exits: no partial file is left.
///
/// Paths sit in a fixed table of C strings that the signal handler reads without taking
/// a lock (only `unlink` and `_exit` run in the handler, both async-signal-safe).
public final class TemporaryFiles: @unchecked Sendable {
    public static let shared = TemporaryFiles()
    private static let capacity = 64
    private let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private var lock = pthread_mutex_t()
    /// Written by the SIGXFSZ handler: made in advance, since a handler may not allocate.
    private let sizeLimitMessage = strdup("spaquote: an output file reached the file-size limit (ulimit -f); nothing was written. Raise the limit or write elsewhere.\n")!

    private init() {
        slots = .allocate(capacity: TemporaryFiles.capacity)
        slots.initialize(repeating: nil, count: TemporaryFiles.capacity)
        pthread_mutex_init(&lock, nil)
    }

    func register(_ path: String) {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        for i in 0..<TemporaryFiles.capacity where slots[i] == nil {
            slots[i] = strdup(path)
            return
        }
    }

    func unregister(_ path: String) {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        for i in 0..<TemporaryFiles.capacity {
            guard let p = slots[i], strcmp(p, path) == 0 else { continue }
            slots[i] = nil
            free(p)
            return
        }
    }

    /// Removes every registered temporary file (called from the signal handler).
    public func removeAll() {
        for i in 0..<TemporaryFiles.capacity { if let p = slots[i] { unlink(p) } }
    }

    /// Installs handlers so SIGINT, SIGTERM and SIGHUP remove the temporary files and
    /// exit with 128 + the signal number. The signals are also unblocked: a parent may
    /// start spaquote with them blocked, and a blocked signal would never reach the handler.
    ///
    /// Process-wide: only the command line calls this (once, at start, for every command
    /// but `serve`); library code and the server never do, and install no handler.
    public static func removeOnInterrupt() {
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { s in
                TemporaryFiles.shared.removeAll()
                _exit(128 + s)
            }
            sigaddset(&set, sig)
        }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        // Past a file-size limit the kernel sends SIGXFSZ: stop cleanly, removing the
        // temporary files, with a message (libxlsxwriter would otherwise go on with a
        // truncated temporary file of its own).
        _ = TemporaryFiles.shared   // made now, not first in a handler
        signal(SIGXFSZ) { _ in
            let files = TemporaryFiles.shared
            files.removeAll()
            _ = write(2, files.sizeLimitMessage, strlen(files.sizeLimitMessage))
            _exit(1)
        }
    }
}
