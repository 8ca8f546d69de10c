#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary output files still being written, so that an interrupt (SIGINT,
/// SIGTERM, SIGHUP) can remove them before the process exits: no partial file is left.
public final class TemporaryFiles: @unchecked Sendable {
    public static let shared = TemporaryFiles()
    private var lock = pthread_mutex_t()
    private var paths: [String: UnsafeMutablePointer<CChar>] = [:]

    private init() { pthread_mutex_init(&lock, nil) }

    func register(_ path: String) {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        paths[path] = strdup(path)
    }

    func unregister(_ path: String) {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        if let p = paths.removeValue(forKey: path) { free(p) }
    }

    /// Removes every registered temporary file (called on an interrupt).
    public func removeAll() {
        pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
        for p in paths.values { unlink(p) }
    }

    /// Installs handlers so SIGINT, SIGTERM and SIGHUP remove the temporary files and
    /// exit with 128 + the signal number.
    public static func removeOnInterrupt() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { s in
                TemporaryFiles.shared.removeAll()
                _exit(128 + s)
            }
        }
    }
}
