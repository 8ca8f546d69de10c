import ArgumentParser
import Foundation

/// Prints `message` on standard error and ends the command with `code`.
func fail(_ message: Any, code: Int32 = 1) -> ExitCode {
    FileHandle.standardError.write(Data("spaquote: \(message)\n".utf8))
    return ExitCode(code)
}

/// Writes `text` on standard error.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Exit status for a rejected request.
let rejectedExitCode: Int32 = 3
