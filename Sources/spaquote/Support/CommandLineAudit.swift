import Foundation
import Ledger
import Workflows

/// The audit trail's view of this process: actor ``AuditActor/commandLine(_:)`` with the
/// operating-system user running it, the system clock's time, no address; an event that
/// cannot be added is a warning on standard error (the action it records stands).
enum CommandLineAudit {
    /// The recording for an action done now.
    static func recording() -> AuditRecording {
        let stamp = AuditStamp(actor: .commandLine(osUser), at: Int64(Date().timeIntervalSince1970))
        return AuditRecording(stamp: stamp) { event, error in
            note("spaquote: warning: done, but not recorded in the ledger's audit trail (\(event.action.rawValue)): \(ErrorText.of(error))")
        }
    }

    /// The effective user's login name (the password database), else `$USER`, else the uid.
    static var osUser: String {
        let uid = geteuid()
        if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        return "uid \(uid)"
    }
}
