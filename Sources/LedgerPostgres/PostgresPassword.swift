import Foundation

/// Finds the password for a PostgreSQL URL as libpq does: the URL's own, else
/// `PGPASSWORD`, else the first matching line of the password file (`PGPASSFILE`, or
/// `~/.pgpass`); an empty password counts as none. The file is read only when it is a
/// regular file that its owner alone may read or write (mode 0600 or stricter); otherwise
/// it is ignored, as libpq ignores it.
public enum PostgresPassword {
    /// The password for `url`, nil when there is none (the server may not ask).
    public static func find(for url: PostgresURL, environment: [String: String]) -> String? {
        if let p = url.password, !p.isEmpty { return p }
        if let p = environment["PGPASSWORD"], !p.isEmpty { return p }
        guard let path = passFilePath(environment), let text = readPrivateFile(path) else { return nil }
        return PassFile(text).password(host: url.host, port: url.port, database: url.database, user: url.user)
    }

    /// `PGPASSFILE`, else `$HOME/.pgpass`.
    static func passFilePath(_ environment: [String: String]) -> String? {
        if let p = environment["PGPASSFILE"], !p.isEmpty { return p }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home.hasSuffix("/") ? home + ".pgpass" : home + "/.pgpass"
    }

    /// The file's text when it is a regular file with no rights for group or others.
    static func readPrivateFile(_ path: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 == 0,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The lines of a libpq password file: `hostname:port:database:username:password`, `*`
/// matching anything in the first four fields, `\:` and `\\` for a colon and a backslash,
/// `#` starting a comment line.
public struct PassFile: Sendable {
    struct Entry: Sendable {
        /// The four fields matched (nil for an unescaped `*`, which matches anything).
        var match: [String?]
        var password: String
    }

    let entries: [Entry]

    public init(_ text: String) {
        var entries: [Entry] = []
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            guard !line.hasPrefix("#"), let entry = Self.entry(line) else { continue }
            entries.append(entry)
        }
        self.entries = entries
    }

    /// The password of the first line matching the connection, nil when none matches.
    public func password(host: String, port: Int, database: String, user: String) -> String? {
        let wanted = [host, String(port), database, user]
        for entry in entries {
            if zip(entry.match, wanted).allSatisfy({ field, value in field == nil || field == value }) { return entry.password }
        }
        return nil
    }

    /// A line's four fields and its password (up to the next unescaped `:` or the end),
    /// nil when it has fewer fields.
    static func entry(_ line: Substring) -> Entry? {
        var fields: [String?] = [], current = ""
        var escaped = false, wasEscaped = false
        for c in line {
            if escaped {
                current.append(c)
                escaped = false
                wasEscaped = true
            } else if c == "\\" {
                escaped = true
            } else if c == ":" {
                if fields.count == 4 { break }
                fields.append(current == "*" && !wasEscaped ? nil : current)
                current = ""
                wasEscaped = false
            } else {
                current.append(c)
            }
        }
        if escaped { current.append("\\") }
        guard fields.count == 4 else { return nil }
        return Entry(match: fields, password: current)
    }
}
