import Platform
import ArgumentParser
import Reports
import Workflows

/// Reading a new password: from the terminal without echo, asked twice; or, when standard
/// input is not a terminal, as its first line. Never from an argument, never shown.
///
/// While echo is off, SIGINT, SIGTERM, SIGHUP and SIGQUIT put the terminal back as it was
/// before the process ends (the command line decides this; the handlers it replaces are
/// put back once the password is read).
enum PasswordInput {
    /// The password for the account `name`, checked (``AccountBook/passwordProblem(_:)``);
    /// a refusal ends the command naming the account and the field.
    static func read(for name: String) throws -> String {
        let password: String
        if isatty(0) == 1 {
            guard let first = try hidden("Password for '\(name)': ") else { throw fail("account '\(name)': password: none was typed; nothing was changed") }
            try check(first, name)
            guard let second = try hidden("Password again: "), second == first else {
                throw fail("account '\(name)': password: the two passwords typed differ; nothing was changed")
            }
            password = first
        } else {
            guard let line = readLine(strippingNewline: true) else {
                throw fail("account '\(name)': password: standard input is empty; give the password as its first line (nothing was changed)")
            }
            password = line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
        try check(password, name)
        return password
    }

    private static func check(_ password: String, _ name: String) throws {
        if let problem = AccountBook.passwordProblem(password) {
            throw fail("account '\(name)': password: \(problem); nothing was changed")
        }
    }

    /// The terminal's settings before echo was turned off, for the signal handlers.
    nonisolated(unsafe) private static var saved = termios()

    /// Signals that end the process while echo is off.
    private static let endingSignals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// One line typed on the terminal (standard input) with echo off, after `prompt` on
    /// standard error (written once echo is off); nil at end of input. Echo is restored on every way out.
    private static func hidden(_ prompt: TerminalText) throws -> String? {
        var original = termios()
        guard tcgetattr(0, &original) == 0 else {
            throw fail("cannot read the terminal's settings, so the password cannot be typed unseen; give it on standard input instead")
        }
        saved = original
        let previous = endingSignals.map { signal($0) { s in
            _ = tcsetattr(0, TCSANOW, &PasswordInput.saved)
            _ = write(2, "\n", 1)
            _exit(128 + s)
        } }
        defer {
            _ = tcsetattr(0, TCSANOW, &original)
            for (s, handler) in zip(endingSignals, previous) { signal(s, handler) }
            Terminal.write("\n", to: .error)   // the line feed the user typed was not echoed
        }
        var quiet = original
        quiet.c_lflag &= ~tcflag_t(ECHO)
        guard tcsetattr(0, TCSAFLUSH, &quiet) == 0 else {
            throw fail("cannot turn the terminal's echo off, so the password cannot be typed unseen; give it on standard input instead")
        }
        Terminal.write(prompt.description, to: .error)   // once echo is off: nothing typed from now on shows
        return readLine(strippingNewline: true)
    }
}
